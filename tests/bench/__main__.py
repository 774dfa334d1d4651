from tests.bench import catalogue, foundation, journal, portfolio, replay, rules

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
replay.main()
