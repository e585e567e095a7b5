build/bench/tsbench --seconds=2 --rounds=3 --workload=read-mostly --distribution=zipfian --durable=true --threads=8
