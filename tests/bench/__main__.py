from tests.bench import catalogue, documents, foundation, journal, portfolio, rules

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
documents.main()
