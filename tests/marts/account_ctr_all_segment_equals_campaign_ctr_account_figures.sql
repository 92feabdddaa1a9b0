{#- Cross-mart consistency: per campaign, grain and period, the `all`
    segment of account_ctr has campaign_ctr's account figures, and every
    campaign_ctr row with accounts_viewed > 0 has its account_ctr row. At
    all_time the two marts may start on different days (account_ctr counts
    mapped people only), so all_time rows are matched on campaign alone. -#}
with

campaign_rows as (

    select * from {{ ref('campaign_ctr') }}
    where accounts_viewed > 0

),

account_rows as (

    select * from {{ ref('account_ctr') }}
    where segment_type = 'all'

),

matched as (

    select
        campaign_rows.period_start as campaign_period_start,
        account_rows.period_start as account_period_start,
        campaign_rows.accounts_viewed as campaign_accounts_viewed,
        account_rows.accounts_viewed as segment_accounts_viewed,
        campaign_rows.accounts_clicked as campaign_accounts_clicked,
        account_rows.accounts_clicked as segment_accounts_clicked,
        coalesce(campaign_rows.campaign_id, account_rows.campaign_id)
            as campaign_id,
        coalesce(campaign_rows.period_grain, account_rows.period_grain)
            as period_grain

    from campaign_rows
    full outer join account_rows
        on
            campaign_rows.campaign_id = account_rows.campaign_id
            and campaign_rows.period_grain = account_rows.period_grain
            and (
                campaign_rows.period_start = account_rows.period_start
                or campaign_rows.period_grain = 'all_time'
            )

),

failures as (

    select *
    from matched
    where
        campaign_accounts_viewed is null
        or segment_accounts_viewed is null
        or campaign_accounts_viewed != segment_accounts_viewed
        or campaign_accounts_clicked != segment_accounts_clicked

)

select * from failures
