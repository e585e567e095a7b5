build/bench/tsbench --seconds=2 --rounds=3 --workload=insert-only --durable=true --threads=1,4,16,64
