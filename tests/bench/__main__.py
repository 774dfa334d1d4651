from tests.bench import catalogue, foundation, journal, portfolio

catalogue.main()
print()
portfolio.main()
print()
foundation.main()
print()
journal.main()
