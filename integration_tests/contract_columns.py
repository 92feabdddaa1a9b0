"""The contract's raw columns (section 1), written out once for the tests.

Kept apart from ctr_tools/contract.py on purpose: the tests check the tools'
output against their own statement of the contract."""

CONTRACT_COLUMNS = {
    "raw_views": [
        "view_id",
        "viewed_at",
        "email",
        "campaign_id",
        "creative_id",
        "user_agent",
    ],
    "raw_clicks": [
        "click_id",
        "clicked_at",
        "email",
        "campaign_id",
        "creative_id",
        "user_agent",
    ],
    "raw_contacts": ["contact_id", "email", "account_id", "updated_at"],
    "raw_accounts": [
        "account_id",
        "account_name",
        "website",
        "industry",
        "employee_count",
        "is_target",
        "updated_at",
    ],
    "raw_campaigns": [
        "campaign_id",
        "campaign_name",
        "channel",
        "audience",
        "funnel_stage",
    ],
    "raw_creatives": [
        "creative_id",
        "campaign_id",
        "creative_name",
        "offer",
        "is_control",
    ],
}
