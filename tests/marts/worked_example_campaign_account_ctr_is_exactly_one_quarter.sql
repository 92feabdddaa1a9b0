{{ config(tags=['sample_data']) }}
{#- The contract's worked example, planted in the sample data as campaign
    cmp_worked_example: contacts at 80 target accounts viewed, contacts at 20
    of those clicked, so its all_time account CTR is 20 / 80 = 0.25. Fails
    if the row is missing or any figure differs. Tagged sample_data: it is
    about the sample seeds, so builds on other data exclude it
    (`--exclude tag:sample_data`). -#}
with

campaigns as (

    select * from {{ ref('campaign_ctr') }}

),

expected as (

    select
        'cmp_worked_example' as campaign_id,
        80 as accounts_viewed,
        20 as accounts_clicked,
        0.25 as account_ctr

),

actual as (

    select *
    from campaigns
    where period_grain = 'all_time' and campaign_id = 'cmp_worked_example'

),

failures as (

    select
        expected.*,
        actual.accounts_viewed as actual_accounts_viewed,
        actual.accounts_clicked as actual_accounts_clicked,
        actual.account_ctr as actual_account_ctr

    from expected
    left join actual
        on expected.campaign_id = actual.campaign_id
    where
        actual.campaign_id is null
        or actual.accounts_viewed != expected.accounts_viewed
        or actual.accounts_clicked != expected.accounts_clicked
        or actual.account_ctr != expected.account_ctr

)

select * from failures
