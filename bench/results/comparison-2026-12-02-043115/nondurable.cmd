build/bench/tsbench --seconds=2 --rounds=3 --workload=insert-only --durable=false --threads=1
