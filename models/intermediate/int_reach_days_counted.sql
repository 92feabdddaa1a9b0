{#- Daily reach per slice: how many people and accounts were active in a
    slice on a day, and how many of them were new in that day's week, month
    or ever. The marts sum these over a period's days, so every distinct
    count is computed from events and never summed across periods (see
    macros/reach.sql). Incremental: a run recounts the days from the
    settled state's boundary; the settled state (people per creative,
    accounts per campaign), rolled up per entity and slice, gives each
    entity's first recounted rows their previous active day, so only the
    recounted rows are ordered. Every join names its
    small side second, and the planner builds it as written
    (joins_as_written): its estimates would build the hash table on the
    stored pairs. -#}
{{ config(
    materialized=incremental_materialization(),
    incremental_strategy='append',
    on_schema_change='fail',
    pre_hook=["{{ delete_uncounted_days() }}", "{{ joins_as_written() }}"],
    post_hook="{{ planner_defaults() }}",
) }}

{%- set restart = reach_restart_date() %}

with

engagement as (

    select * from {{ ref('fct_person_engagement') }}

),

settled_pairs as (

    select * from {{ ref('int_engagement_pairs_settled') }}

),

settled_account_campaigns as (

    select * from {{ ref('int_account_campaigns_settled') }}

),

campaigns as (

    select * from {{ ref('stg_marketing__campaigns') }}

),

creatives as (

    select * from {{ ref('stg_marketing__creatives') }}

),

accounts as (

    select * from {{ ref('dim_accounts') }}

),

slice_values as (

    -- Every value a slice can take ('all' is implied). Entities and slices
    -- are ordered below by small integer keys, not text: sorting ten
    -- million rows eleven times is about three times faster so.
    select
        'creative' as slice_type,
        creative_id as slice_value
    from creatives
    union all
    select
        'campaign' as slice_type,
        campaign_id as slice_value
    from campaigns
    union all
    select distinct
        'channel' as slice_type,
        channel as slice_value
    from campaigns
    union all
    select distinct
        'audience' as slice_type,
        coalesce(audience, 'unknown') as slice_value
    from campaigns
    union all
    select distinct
        'funnel_stage' as slice_type,
        coalesce(funnel_stage, 'unknown') as slice_value
    from campaigns

),

slice_keys as (

    select
        slice_type,
        slice_value,
        cast(
            row_number() over (partition by slice_type order by slice_value)
            as {{ dbt.type_int() }}
        ) as slice_key

    from slice_values

),

campaign_slice_keys as (

    select
        campaigns.campaign_id,
        campaign_keys.slice_key as campaign_key,
        channel_keys.slice_key as channel_key,
        audience_keys.slice_key as audience_key,
        funnel_stage_keys.slice_key as funnel_stage_key

    from campaigns
    inner join slice_keys as campaign_keys
        on
            campaign_keys.slice_type = 'campaign'
            and campaigns.campaign_id = campaign_keys.slice_value
    inner join slice_keys as channel_keys
        on
            channel_keys.slice_type = 'channel'
            and campaigns.channel = channel_keys.slice_value
    inner join slice_keys as audience_keys
        on
            audience_keys.slice_type = 'audience'
            and coalesce(campaigns.audience, 'unknown')
            = audience_keys.slice_value
    inner join slice_keys as funnel_stage_keys
        on
            funnel_stage_keys.slice_type = 'funnel_stage'
            and coalesce(campaigns.funnel_stage, 'unknown')
            = funnel_stage_keys.slice_value

),

segments as (

    -- The (industry, company size band) pairs accounts fall in; people
    -- without an account are in the unknown pair.
    select
        industry,
        company_size_band,
        cast(
            row_number() over (order by industry, company_size_band)
            as {{ dbt.type_int() }}
        ) as segment_key

    from (
        select
            coalesce(industry, 'unknown') as industry,
            coalesce(company_size_band, 'unknown') as company_size_band
        from accounts
        union
        select
            'unknown' as industry,
            'unknown' as company_size_band
    ) as pairs

),

account_keys as (

    select
        accounts.account_id,
        segments.segment_key,
        cast(
            row_number() over (order by accounts.account_id)
            as {{ dbt.type_int() }}
        ) as account_key

    from accounts
    inner join segments
        on
            coalesce(accounts.industry, 'unknown') = segments.industry
            and coalesce(accounts.company_size_band, 'unknown')
            = segments.company_size_band

),

unmapped_segment as (

    select segment_key from segments
    where industry = 'unknown' and company_size_band = 'unknown'

),

creative_slice_keys as (

    -- Every slice key of a creative: its own and its campaign's.
    select
        creatives.creative_id,
        creative_keys.slice_key as creative_key,
        campaign_slice_keys.campaign_key,
        campaign_slice_keys.channel_key,
        campaign_slice_keys.audience_key,
        campaign_slice_keys.funnel_stage_key

    from creatives
    inner join slice_keys as creative_keys
        on
            creative_keys.slice_type = 'creative'
            and creatives.creative_id = creative_keys.slice_value
    inner join campaign_slice_keys
        on creatives.campaign_id = campaign_slice_keys.campaign_id

),

recent_engagement as (

    select * from engagement
    where {{ is_on_or_after('view_date', restart) }}

),

timeline as (

    -- The engagement rows counted this run, keyed.
    select
        recent_engagement.view_date,
        recent_engagement.person_id,
        account_keys.account_key,
        creative_slice_keys.creative_key,
        creative_slice_keys.campaign_key,
        creative_slice_keys.channel_key,
        creative_slice_keys.audience_key,
        creative_slice_keys.funnel_stage_key,
        recent_engagement.views,
        recent_engagement.clicks,
        coalesce(account_keys.segment_key, unmapped_segment.segment_key)
            as segment_key,
        case
            when recent_engagement.has_clicked
                then recent_engagement.view_date
        end as click_date

    from recent_engagement
    inner join creative_slice_keys
        on recent_engagement.creative_id = creative_slice_keys.creative_id
    left join account_keys
        on recent_engagement.account_id = account_keys.account_id
    cross join unmapped_segment

),

recent_people as (

    select distinct person_id from recent_engagement
    where {{ 'true' if restart else 'false' }}

),

settled_people as (

    -- Each person's last settled day per creative, for the people counted
    -- this run: the previous active days of their first counted rows (see
    -- reach_days). On a full build nothing is settled before the first day
    -- counted.
    select
        settled_pairs.last_view_date as view_date,
        settled_pairs.person_id,
        creative_slice_keys.creative_key,
        settled_pairs.last_click_date as click_date

    from settled_pairs
    inner join creative_slice_keys
        on settled_pairs.creative_id = creative_slice_keys.creative_id
    where
        settled_pairs.person_id in (
            select recent_people.person_id from recent_people
        )

),

settled_people_sliced as {{ inlined() }} (

    -- Every slice key of those rows, joined in each slice that reads them:
    -- the narrow rows are kept once and the small key table is joined
    -- again, cheaper than keeping every key of millions of rows.
    select
        settled_people.view_date,
        settled_people.person_id,
        creative_slice_keys.creative_key,
        creative_slice_keys.campaign_key,
        creative_slice_keys.channel_key,
        creative_slice_keys.audience_key,
        creative_slice_keys.funnel_stage_key,
        settled_people.click_date

    from settled_people
    inner join creative_slice_keys
        on settled_people.creative_key = creative_slice_keys.creative_key

),

settled_accounts as (

    -- Each account's last settled day per campaign (over all its people),
    -- for the accounts counted this run.
    select
        settled_account_campaigns.last_view_date as view_date,
        account_keys.account_key,
        campaign_slice_keys.campaign_key,
        settled_account_campaigns.last_click_date as click_date

    from settled_account_campaigns
    inner join account_keys
        on settled_account_campaigns.account_id = account_keys.account_id
    inner join campaign_slice_keys
        on
            settled_account_campaigns.campaign_id
            = campaign_slice_keys.campaign_id
    where
        {{ 'true' if restart else 'false' }}
        and settled_account_campaigns.account_id in (
            select recent_engagement.account_id from recent_engagement
        )

),

settled_accounts_sliced as {{ inlined() }} (

    -- As settled_people_sliced.
    select
        settled_accounts.view_date,
        settled_accounts.account_key,
        campaign_slice_keys.campaign_key,
        campaign_slice_keys.channel_key,
        campaign_slice_keys.audience_key,
        campaign_slice_keys.funnel_stage_key,
        settled_accounts.click_date

    from settled_accounts
    inner join campaign_slice_keys
        on settled_accounts.campaign_key = campaign_slice_keys.campaign_key

),

counted as (

    {{ reach_days_of_every_slice(
        'timeline',
        {'person': 'settled_people_sliced', 'account': 'settled_accounts_sliced'}
    ) }}

),

final as (

    select
        counted.view_date,
        counted.entity_type,
        counted.slice_type,
        cast(
            case
                when counted.slice_type = 'all' then 'all'
                else slice_keys.slice_value
            end as {{ type_string() }}
        ) as slice_value,
        cast(segments.industry as {{ type_string() }}) as industry,
        cast(segments.company_size_band as {{ type_string() }})
            as company_size_band,
        cast(counted.views as {{ type_count() }}) as views,
        cast(counted.clicks as {{ type_count() }}) as clicks,
        cast(counted.entities as {{ type_count() }}) as entities,
        cast(counted.entities_new_in_week as {{ type_count() }})
            as entities_new_in_week,
        cast(counted.entities_new_in_month as {{ type_count() }})
            as entities_new_in_month,
        cast(counted.entities_new_ever as {{ type_count() }})
            as entities_new_ever,
        cast(counted.clicking_entities as {{ type_count() }})
            as clicking_entities,
        cast(counted.clicking_entities_new_in_week as {{ type_count() }})
            as clicking_entities_new_in_week,
        cast(counted.clicking_entities_new_in_month as {{ type_count() }})
            as clicking_entities_new_in_month,
        cast(counted.clicking_entities_new_ever as {{ type_count() }})
            as clicking_entities_new_ever

    from counted
    left join slice_keys
        on
            counted.slice_type = slice_keys.slice_type
            and counted.slice_key = slice_keys.slice_key
    left join segments
        on counted.segment_key = segments.segment_key

)

select * from final
