from tests.bench import catalogue, foundation

catalogue.main()
print()
foundation.main()
