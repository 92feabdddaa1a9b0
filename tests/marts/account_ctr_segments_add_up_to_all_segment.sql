{#- Each canonical account has one industry and one size band, so per
    campaign, grain and period the accounts over industries (and over size
    bands) add up to the `all` row, viewed and clicked alike. At all_time
    each segment starts on its own first day, so all_time rows are matched
    on campaign alone. -#}
with

account_rows as (

    select
        *,
        case
            when period_grain != 'all_time' then period_start
        end as period_key

    from {{ ref('account_ctr') }}

),

all_segment as (

    select * from account_rows
    where segment_type = 'all'

),

segment_totals as (

    select
        campaign_id,
        period_grain,
        period_key,
        segment_type,
        sum(accounts_viewed) as accounts_viewed,
        sum(accounts_clicked) as accounts_clicked

    from account_rows
    where segment_type != 'all'
    group by 1, 2, 3, 4

),

failures as (

    select
        segment_totals.*,
        all_segment.accounts_viewed as all_accounts_viewed,
        all_segment.accounts_clicked as all_accounts_clicked

    from segment_totals
    left join all_segment
        on
            segment_totals.campaign_id = all_segment.campaign_id
            and segment_totals.period_grain = all_segment.period_grain
            and (
                segment_totals.period_key = all_segment.period_key
                or segment_totals.period_grain = 'all_time'
            )
    where
        all_segment.campaign_id is null
        or segment_totals.accounts_viewed != all_segment.accounts_viewed
        or segment_totals.accounts_clicked != all_segment.accounts_clicked

)

select * from failures
