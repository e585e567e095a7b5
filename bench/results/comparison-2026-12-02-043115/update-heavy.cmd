build/bench/tsbench --seconds=2 --rounds=3 --workload=update-heavy --distribution=zipfian --durable=true --threads=8
