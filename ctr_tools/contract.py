"""The raw inputs of the contract (section 1): names and column order."""

RAW_COLUMNS: dict[str, tuple[str, ...]] = {
    "raw_views": (
        "view_id",
        "viewed_at",
        "email",
        "campaign_id",
        "creative_id",
        "user_agent",
    ),
    "raw_clicks": (
        "click_id",
        "clicked_at",
        "email",
        "campaign_id",
        "creative_id",
        "user_agent",
    ),
    "raw_contacts": ("contact_id", "email", "account_id", "updated_at"),
    "raw_accounts": (
        "account_id",
        "account_name",
        "website",
        "industry",
        "employee_count",
        "is_target",
        "updated_at",
    ),
    "raw_campaigns": (
        "campaign_id",
        "campaign_name",
        "channel",
        "audience",
        "funnel_stage",
    ),
    "raw_creatives": (
        "creative_id",
        "campaign_id",
        "creative_name",
        "offer",
        "is_control",
    ),
}
