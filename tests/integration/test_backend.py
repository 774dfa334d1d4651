from tests.helpers.databases import POSTGRES_URL, backend_name


def test_the_suite_runs_on_the_database_it_was_asked_for(connection):
    assert connection.dialect.name == backend_name()
    if POSTGRES_URL:
        assert connection.dialect.name == "postgresql"
