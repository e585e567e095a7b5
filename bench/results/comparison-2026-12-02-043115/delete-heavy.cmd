build/bench/tsbench --seconds=2 --rounds=3 --workload=delete-heavy --distribution=zipfian --durable=true --threads=8
