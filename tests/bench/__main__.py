from tests.bench import catalogue, foundation, journal, offers, portfolio, rules

catalogue.main()
print()
rules.main()
print()
portfolio.main()
print()
foundation.main()
print()
journal.main()
print()
offers.main()
