from tests.bench import catalogue, foundation, portfolio, rules

catalogue.main()
print()
rules.main()
print()
portfolio.main()
print()
foundation.main()
