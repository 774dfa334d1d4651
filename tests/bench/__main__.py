from tests.bench import catalogue, foundation, portfolio

catalogue.main()
print()
portfolio.main()
print()
foundation.main()
