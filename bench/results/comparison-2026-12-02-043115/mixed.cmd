build/bench/tsbench --seconds=2 --rounds=3 --workload=mixed --distribution=zipfian --durable=true --threads=8
