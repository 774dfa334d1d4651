from tests.bench.foundation import main

main()
