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
_.get_id  # polyadmin/web/auth/users.py: WebUser's session id (account and session generation)
_._accounts_navigation  # polyadmin/web/accounts/routes.py: an app_context_processor
_.status_code  # polyadmin/api/errors.py: the response's status
_.ERROR_SCHEMA  # polyadmin/api/__init__.py: flask-smorest's Api
_.DEFAULT_ERROR_RESPONSE_NAME  # polyadmin/api/__init__.py: flask-smorest's Api (no catch-all « default » answer)
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
_.locked  # polyadmin/api/account_admin.py: AccountOut, UnlockOut (services/accounts.py AccountView.locked)
_.unlocked
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
# polyadmin/api/contracts/schemas.py: ContractTerminationOut, written by api/contracts/views.py as dict keys
_.contract_status
_.refund_due

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

# --- Read by the request's workspace (web/templates/inbox/request.html) ---------------------------------
_.question  # store/casework.py: Referral
_.alternative  # RequestDecision
_.decided_on
_.handling  # NonConformity
_.recorded_on
_.on_document  # domain/document_checks.py: Mismatch
_.basis  # domain/acceptance.py: AcceptanceRule
_.unknown_facts  # Assessment
_.checks  # services/casework.py: Workspace
_.document_requests
_.referrals
_.non_conformities

# --- Catalogue data kept with the rates it documents (read from products/taxes.yaml, shown nowhere yet) ---
_.catnat_source  # polyadmin/domain/catalogue.py: TaxSettings
_.attentats_source
_.fgao_source

# --- factory-boy conventions (polyadmin/seeding/factories.py) --------------------------------------------
_.Params
_.activity_code  # a DictFactory key, read as identity["activity_code"] by seeding/population.py

# --- Public functions called only by the tests and the bench (a service or rule kept for them) ------------
_.bound_to  # store/database.py: Database on a test's connection
_.forget_generated  # services/seeding.py: drop the kept scenarios and generations (tests replacing the generator)
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

# --- Issue 10, simulated clients and letters (casescript) ---------------------------------------------------
_.arrives_after_days  # scenarios/schemas.py DocumentReplySchema: marshmallow fields, read by name
_.arrives_wrong
_.never
_.client_replies
_.REPLY_OUTCOMES  # domain/scenario.py: the documented reply outcomes (docs/scenarios.md)
_.expected_missing  # store: shown to evaluators by the request pages (web/api helpers)
_.decision_letter  # services/letters.py: linked by the web and API request pages
_.documents_request_letter

# --- Read by templates, the API's views and the tests (the evaluation page of issue #12 will read the grid) ---
_.documents_before_issue  # domain/acceptance.py: Assessment, shown in the request workspace and the API
_.observed  # domain/evaluation.py: Observation
_.anomalies  # services/evaluation.py: PlantedCase
_.observations  # services/evaluation.py: EvaluationView
_.consulted_on  # store/casework.py: RequestConsultation (mapped column)
_.country  # store/models.py, validation/clients.py: the client's country (mapped, validated, shown)
_.can_move_clock  # web/sandbox.py (g.can_move_clock, read by templates), api/schemas.py (response field)

# --- Issue 12, the readable journal (services/journal_readable.py, journal_view.py) -------------------------
_.record_search  # validation/sessions.py: JournalFilterSchema (read by services.journal_view.journal_filter)

# --- Issue 12, the evaluation committee (marks, decisions, report, charts) ---------------------------------
_.replay_url  # api/evaluation/schemas.py: response fields, dumped by name
_.competence_label
_.manual
_.mark_label
_.marked_on
_.candidate_outcome_label
_.decision_label
_.can_mark  # services/evaluation.py: EvaluationSheet, read by the grid template
_.marked  # web/evaluation/charts.py: chart geometry, read by templates/evaluation/charts.html
_.height
_.legend
_.jury_only  # web/nav.py: Area, read by templates/sandbox/layout.html
# --- Issue 11, client documents (documents/, services/client_documents.py, document_registry.py) ------------
_.legal_basis  # domain/catalogue.py: shown by the catalogue page (templates); the IPID summary no longer prints it
_.general_exclusions  # domain/catalogue.py: the catalogue page and the CP's exclusions (contract view builder)
_.conditions_particulieres_document  # documents/contract_documents.py: registered at merge (document_registry)
_.attestation_document
_.echeancier_document
_.mandate_document
_.welcome_letter_document
_.quote_document  # documents/offer_documents.py: registered at merge (document_registry)
_.view_renderer  # services/document_registry.py: the registration point filled at merge
_.list_for_record  # services/client_documents.py: GET …/contracts/{id}/documents (contracts area, at merge)
_.reminders_due  # services/client_documents.py: the documents to remind (tests; the inbox at merge)
_.can_transmit  # services/client_documents.py DocumentLine: read by the client page template
_.can_receive
_.can_remind
_.edited_at  # store/client_documents.py: mapped columns
_.edited_by_id
# --- Offers (issue 11 §1–2): fields read by marshmallow, columns written by keyword, views for the renderers ---
_.protect  # validation/offers.py, api/offers/schemas.py: needs answers (fields)
_.existing_cover
_.specific
_.need
_.disability
_.needs_id  # store/offers.py: Quote (mapped column, written by keyword)
_.agreed_on  # store/offers.py: QuoteVersion, the client's agreement (C2A.4, another engineer's service)
_.agreement_channel
_.signature_mode
_.distance_selling
_.advice_view  # services/offers.py: the document de conseil's data, rendered by documents/ (wired at merge)
# --- Issue 11 §3, agreement and issue (contracts) -----------------------------------------------------------
_.renewed_period  # domain/contracts.py: tacit renewal periods, for the tests and the renewal issue to come
_.mandate_reference_is_valid  # domain/contracts.py: the SEPA reference rule, checked by the tests
_.closed_by_id  # store/contracts.py: Task (mapped column: who closed it)
# documents/views.py: ContractView and MandateView fields filled by services/contracts.contract_view, read by
# the contract page and the document renderers
_.line_label
_.formula_label
_.eco_options
_.risk_summary
_.payment_method_label
_.agreement_on
_.agreement_channel_label
_.vehicle_registration
_.vehicle_label
_.insurer_lines
_.creditor_name
_.debtor_address_lines
_.sequence_label
# api/contracts/schemas.py: response fields written by api/contracts/views.py as dict keys
_.signature_label
_.quote_version
_.department_label
_.contract_number

# --- Issue 14 §1, money in (domain/payments.py, services/payments.py, api/payments/, web/payments/) ---------
_.Ledger  # polyadmin/domain/payments.py: the account model the property test drives (tests/unit/test_payments.py)
_.pay_out  # its refund out of the credit; the payouts of issue 14 §4 will call it
_.receipt_url  # polyadmin/api/payments/schemas.py: PaymentOut, written by api/payments/routes.py as a dict key
_.instalment_ids  # polyadmin/validation/payments.py: PaymentSchema, read by marshmallow
_.open_instalments  # services/payments.py: ContractLedger → web/templates/payments/_form.html

# --- Issue 13 §1, endorsements: a template's field label, response fields written as dict keys -------------
_.postcode_label  # services/endorsements.py: EndorsementChoices, read by templates/contracts/detail.html
_.guarantees_before  # api/contracts/schemas.py: the preview's response fields
_.guarantees_after
