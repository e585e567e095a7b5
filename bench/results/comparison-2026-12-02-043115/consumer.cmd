build/bench/tsbench --seconds=2 --rounds=3 --workload=update-heavy --durable=true --threads=8 --consumer=poll --scan --targets=tablestream,sqlite
