"""Names vulture (``make lint``) would report as unused, but that something outside Python's call graph uses.

Never imported: vulture only reads the names below. A line whitelists its name everywhere in polyadmin/,
so list a name once, in the group that says who uses it, with the file it comes from. Decorated
framework functions (routes, click commands, marshmallow hooks, SQLAlchemy events, template filters)
need no line here: pyproject.toml [tool.vulture] ignores them by their decorator.

To extend: run ``.venv/bin/vulture``; for each report, either delete the dead code, or add the name
here under the group of the framework or reader that uses it. ``.venv/bin/vulture --make-whitelist``
prints ready-made lines.
"""

# ruff: noqa
# mypy: ignore-errors

# --- Flask, Flask-Login, flask-smorest: attributes and overrides the frameworks read -------------------
_.ensure_ascii  # polyadmin/app.py: the JSON provider's setting
_.login_view  # polyadmin/web/auth.py: LoginManager settings
_.login_message
_.login_message_category
_.session_protection
_.permanent  # polyadmin/web/auth.py: flask.session.permanent
_.is_active  # polyadmin/web/auth.py: Flask-Login's UserMixin protocol
_.status_code  # polyadmin/api/errors.py: the response's status
_.ERROR_SCHEMA  # polyadmin/api/__init__.py: flask-smorest's Api
_._register_error_handlers
_.main  # polyadmin/cli.py: the `polyadmin` console script (setup.cfg entry point)

# --- marshmallow: schema settings, field declarations and overrides -------------------------------------
_.Meta
_.unknown
_.error_messages
_.default_error_messages
_._serialize  # polyadmin/api/schemas.py: fields.Field hook
_.obj  # its argument, named by marshmallow
_.data_key  # polyadmin/validation/clients.py: argument of @validates hooks
# Fields declared for (de)serialisation, read by marshmallow by introspection (api/, validation/, catalogue/)
_.address_line2
_.q
_.short
_.auto  # polyadmin/catalogue/schemas.py: CatnatSchema (the auto CatNat rates of taxes.yaml)
_.referential
_.totals
_.payment_frequencies
_.from_
_.equals
_.partial_claims
_.channel_label
_.direction_label
_.recorded_by
# polyadmin/api/requests/schemas.py: response fields written by api/requests/views.py as dict keys
_.expected_outcome_label
_.engine_status
_.engine_status_label
_.stage_label
_.verdict_label
_.document_labels
_.answered_by
_.outcome_label
_.basis_label
_.limit_values
_.recommendation
_.recommendation_label

# --- SQLAlchemy: TypeDecorator protocol, engine settings, mapped columns no Python code reads --------------
_.impl  # polyadmin/store/types.py
_.cache_ok
_.process_bind_param
_.process_result_value
_.dialect  # their argument, named by SQLAlchemy
_.isolation_level  # polyadmin/store/database.py: the DBAPI connection's setting
_.loaded_by  # polyadmin/store/models.py
_.catalogue_snapshot_id
_.next_due_date  # polyadmin/store/portfolio.py (shown by templates)
_.annual_total

# --- decimal: context settings --------------------------------------------------------------------------
_.prec  # domain/amortisation.py, domain/bonus_malus.py: localcontext().prec

# --- Jinja templates: fields and properties of view objects read only by templates ------------------------
_.schema_ref  # polyadmin/api/docs.py → api/templates/polyadmin_api/reference.html
_.properties
_.client_number  # services/documents.py, services/portfolio.py → web/templates/
_.product_name  # services/portfolio.py → web/templates/clients/, inbox/
_.formula_name
_.frequency_label
_.paid_count
_.unpaid_total
_.next_instalment
_.upcoming
_.option_names
_.shows_evaluation
_.risk_of
_.formula_names  # web/catalogue.py → web/templates/catalogue/simulator.html

# --- Catalogue data kept with the rates it documents (read from products/taxes.yaml, shown nowhere yet) ---
_.catnat_source  # polyadmin/domain/catalogue.py: TaxSettings
_.attentats_source
_.fgao_source

# --- factory-boy conventions (polyadmin/seeding/factories.py) --------------------------------------------
_.Params
_.activity_code  # a DictFactory key, read as identity["activity_code"] by seeding/population.py

# --- Public functions called only by the tests and the bench (a service or rule kept for them) ------------
_.bound_to  # store/database.py: Database on a test's connection
_.upgrade_connection  # store/migrations.py
_.downgrade_connection
_.load_catalogue  # services/catalogue.py
_.forget_cached_catalogues
_.DEFAULT_SEED  # services/seeding.py
_.sandbox_digest
_.stored_document
_.claim_year  # domain/bonus_malus.py
_.to_decimal  # domain/money.py
_.novice_surcharge_percent  # domain/novice_surcharge.py
