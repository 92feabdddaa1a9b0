{#- Reach: distinct people and accounts per period without counting
    distinct over history. For each kind of slice (a creative, a campaign,
    all campaigns, a channel, an audience, a funnel stage) and each entity
    (a person, a canonical account), the entity's active days in the slice
    are ordered once; a day counts the entity as new in its week, month or
    ever when the entity's previous active day in that slice lies before
    the week's, the month's start or does not exist. Summing those flags
    over a period's days gives its distinct count exactly, at every grain,
    from one ordered pass (see int_reach_days_counted). -#}

{% macro reach_slices() -%}
    {#- The (entity, slice) pairs the marts count, with the timeline's
        integer key of the slice (0: all campaigns), whether the rows
        keep the entity's segment: its industry and company size band (the
        segments of account_ctr and segment_ctr). `settled_grain` marks
        the pairs the settled state already holds one row per entity and
        slice for (a person and creative: int_engagement_pairs_settled; an
        account and campaign: int_account_campaigns_settled); the others
        are rolled up. -#}
    {{ return([
        {'entity': 'person', 'slice': 'creative', 'column': 'creative_key', 'segmented': false, 'settled_grain': true},
        {'entity': 'person', 'slice': 'campaign', 'column': 'campaign_key', 'segmented': false},
        {'entity': 'person', 'slice': 'all', 'column': '0', 'segmented': true},
        {'entity': 'person', 'slice': 'channel', 'column': 'channel_key', 'segmented': false},
        {'entity': 'person', 'slice': 'audience', 'column': 'audience_key', 'segmented': false},
        {'entity': 'person', 'slice': 'funnel_stage', 'column': 'funnel_stage_key', 'segmented': false},
        {'entity': 'account', 'slice': 'campaign', 'column': 'campaign_key', 'segmented': true, 'settled_grain': true},
        {'entity': 'account', 'slice': 'all', 'column': '0', 'segmented': true},
        {'entity': 'account', 'slice': 'channel', 'column': 'channel_key', 'segmented': false},
        {'entity': 'account', 'slice': 'audience', 'column': 'audience_key', 'segmented': false},
        {'entity': 'account', 'slice': 'funnel_stage', 'column': 'funnel_stage_key', 'segmented': false},
    ]) }}
{%- endmacro %}


{% macro reach_entity_column(entity) -%}
    {{ return({'person': 'person_id', 'account': 'account_key'}[entity]) }}
{%- endmacro %}


{% macro reach_days(timeline, settled, pair) -%}
    {#- One row per day, slice (and segment) of `pair` in `timeline`: the
        entity counts (active that day, new in its week, its month, ever;
        the same among the entities that clicked), views and clicks.
        `timeline` holds the engagement rows being counted. Each row's
        entity has a previous active day in the slice: the day of its row
        before (rows ordered by day), and for its rows with a click, the
        day of its click row before, from a second, much smaller ordering
        of those rows alone. `settled` holds the entity's last settled days
        per slice at its settled grain (a person's per creative, an
        account's per campaign; all before the first day counted; none on a
        full build), which give
        an entity's first counted rows their previous days: they are rolled
        up per entity and slice and joined, not ordered with the counted
        rows. An entity may have several rows on one day (several
        creatives of a campaign): only the first counts as new, since the
        others have a previous row on the same day.
        Each row gets one small integer, its novelty (see novelty_flags),
        and rows are first counted per day, slice, segment and novelty:
        three sums over few groups instead of fourteen conditional sums per
        row. The counts per flag are read from those groups. -#}
    {%- set entity = reach_entity_column(pair.entity) -%}
    {%- set segment = 'segment_key' if pair.segmented
        else 'cast(null as ' ~ dbt.type_int() ~ ')' -%}
    {%- set entity_rows -%}
        (
            select
                view_date,
                {{ entity }} as entity_key,
                {{ pair.column }} as slice_key,
                {{ segment }} as segment_key,
                views,
                clicks,
                click_date
            from {{ timeline }}
            where {{ entity }} is not null
        )
    {%- endset %}
    {%- set previous_day -%}
        lag(view_date) over (
            partition by entity_key, slice_key order by view_date
        )
    {%- endset %}
    select
        flagged.view_date,
        '{{ pair.entity }}' as entity_type,
        '{{ pair.slice }}' as slice_type,
        flagged.slice_key,
        flagged.segment_key,
        sum(flagged.views) as views,
        sum(flagged.clicks) as clicks,
        {{ count_new('day', 0) }} as entities,
        {{ count_new('week', 0) }} as entities_new_in_week,
        {{ count_new('month', 0) }} as entities_new_in_month,
        {{ count_new('all_time', 0) }} as entities_new_ever,
        {{ count_new('day', 1) }} as clicking_entities,
        {{ count_new('week', 1) }} as clicking_entities_new_in_week,
        {{ count_new('month', 1) }} as clicking_entities_new_in_month,
        {{ count_new('all_time', 1) }} as clicking_entities_new_ever
    from (
        select
            sequenced.view_date,
            sequenced.slice_key,
            sequenced.segment_key,
            {{ novelty_flags(
                'sequenced.is_click_row',
                'coalesce(sequenced.previous_counted_date, case when '
                ~ 'sequenced.is_click_row = 1 then '
                ~ 'settled_days.settled_click_date else '
                ~ 'settled_days.settled_view_date end)',
                'sequenced.view_date'
            ) }} as novelty,
            sum(sequenced.views) as views,
            sum(sequenced.clicks) as clicks,
            count(*) as entity_rows
        from (
            select
                view_date,
                entity_key,
                slice_key,
                segment_key,
                views,
                clicks,
                0 as is_click_row,
                {{ previous_day }} as previous_counted_date
            from {{ entity_rows }} as viewing_rows
            union all
            select
                view_date,
                entity_key,
                slice_key,
                segment_key,
                0 as views,
                0 as clicks,
                1 as is_click_row,
                {{ previous_day }} as previous_counted_date
            from {{ entity_rows }} as click_rows
            where click_date is not null
        ) as sequenced
        left join (
            select
                {{ entity }} as entity_key,
                {{ pair.column }} as slice_key,
                {%- if pair.settled_grain %}
                view_date as settled_view_date,
                click_date as settled_click_date
                {%- else %}
                max(view_date) as settled_view_date,
                max(click_date) as settled_click_date
                {%- endif %}
            from {{ settled }}
            {%- if not pair.settled_grain %}
            group by 1, 2
            {%- endif %}
        ) as settled_days
            on
                sequenced.entity_key = settled_days.entity_key
                and sequenced.slice_key = settled_days.slice_key
        group by 1, 2, 3, 4
    ) as flagged
    group by 1, 2, 3, 4, 5
{%- endmacro %}


{% macro reach_days_of_every_slice(timeline, settled) -%}
    {#- reach_days for every pair of reach_slices(), stacked. `settled`
        names the settled days of each entity: {'person': relation,
        'account': relation}. -#}
    {%- for pair in reach_slices() %}
    {{ reach_days(timeline, settled[pair.entity], pair) }}
    {%- if not loop.last %}
    union all
    {%- endif %}
    {%- endfor %}
{%- endmacro %}


{% macro novelty_bits() -%}
    {#- The bit of each flag in a row's novelty (see novelty_flags). -#}
    {{ return({'day': 1, 'week': 2, 'month': 4, 'all_time': 8, 'click_row': 16}) }}
{%- endmacro %}


{% macro novelty_flags(is_click_row, previous_date, view_date) -%}
    {#- In reach_days: one integer holding a row's flags, the sum of the bits
        of novelty_bits() that apply. The row's entity is new in the row's
        day, week or month when its previous row of the same kind (viewing
        or click row; counted or settled) lies before the period's first
        day, and new ever (so new in every period) when it has none. The
        click_row bit marks the click rows. -#}
    {%- set bits = novelty_bits() -%}
    case when {{ is_click_row }} = 1 then {{ bits.click_row }} else 0 end
    + case
        when {{ previous_date }} is null
            then {{ bits.day + bits.week + bits.month + bits.all_time }}
        else
            case when {{ previous_date }} < {{ view_date }}
                then {{ bits.day }} else 0 end
            {%- for grain in ['week', 'month'] %}
            + case
                when {{ previous_date }} < {{ period_start(grain, view_date) }}
                    then {{ bits[grain] }}
                else 0
            end
            {%- endfor %}
    end
{%- endmacro %}


{% macro count_new(grain, is_click_row) -%}
    {#- In reach_days: counts the rows of one kind (0: viewing rows, 1:
        click rows) whose entity is new in the row's `grain` period, from
        the groups of rows per novelty (see novelty_flags). -#}
    {%- set bits = novelty_bits() -%}
    {%- set bit = bits[grain] -%}
    sum(case
        when flagged.novelty {{ '>=' if is_click_row else '<' }} {{ bits.click_row }}
            and flagged.novelty % {{ 2 * bit }} >= {{ bit }}
            then flagged.entity_rows
        else 0
    end)
{%- endmacro %}


{% macro reach_by_period(relation, group_columns) -%}
    {#- The daily reach rows of `relation` rolled up to every period grain,
        grouped by `group_columns`: views and clicks summed, and entities
        (and clicking entities) summed from the flags that make each entity
        count once per period. period_key is the period's first day, a
        placeholder at all_time (whose start is the slice's first day:
        first_view_date). -#}
    {%- set new_suffix = {
        'day': '', 'week': '_new_in_week',
        'month': '_new_in_month', 'all_time': '_new_ever'
    } -%}
    select
        period_grain,
        period_key,
        {% for column in group_columns %}{{ column }},{% endfor %}
        min(view_date) as first_view_date,
        cast(sum(views) as {{ type_count() }}) as views,
        cast(sum(clicks) as {{ type_count() }}) as clicks,
        cast(sum(entities) as {{ type_count() }}) as entities,
        cast(sum(clicking_entities) as {{ type_count() }})
            as clicking_entities
    from (
        {%- for grain in period_grains() %}
        select
            '{{ grain }}' as period_grain,
            {% if grain == 'all_time' -%}
            cast('1970-01-01' as date)
            {%- else -%}
            {{ period_start(grain, 'view_date') }}
            {%- endif %} as period_key,
            {% for column in group_columns %}{{ column }},{% endfor %}
            view_date,
            views,
            clicks,
            entities{{ new_suffix[grain] }} as entities,
            clicking_entities{{ new_suffix[grain] }} as clicking_entities
        from {{ relation }}
        {%- if not loop.last %}
        union all
        {%- endif %}
        {%- endfor %}
    ) as by_period
    group by
        period_grain,
        period_key
        {%- for column in group_columns %}, {{ column }}{% endfor %}
{%- endmacro %}


{% macro settled_boundaries() -%}
    {#- For the settled states (int_engagement_pairs_settled,
        int_account_campaigns_settled): [from, before], the view dates this
        run folds into the model's state. Settled means no later run
        rewrites it: before the window the engagement fact rewrites next.
        That window starts engagement_lookback_days before the latest day
        already counted in int_reach_days_counted (read, not ref'd: it is
        downstream), which is also where that model restarts this run. On
        a full build: everything before the fact's latest day minus the
        lookback. -#}
    {%- if not execute -%}
        {{ return([none, none]) }}
    {%- endif -%}
    {%- set lookback = engagement_lookback_days() -%}
    {%- if not is_incremental() -%}
        {%- set engagement = load_relation(ref('fct_person_engagement')) -%}
        {%- set latest = latest_date(engagement, 'view_date')
            if engagement else none -%}
        {{ return([none, days_before(latest, lookback) if latest else none]) }}
    {%- endif -%}
    {%- set settled = run_query(
        "select cast(max(settled_before) as " ~ type_string() ~ ") from " ~ this
    ).columns[0].values()[0] -%}
    {%- set counted = adapter.get_relation(
        database=this.database, schema=this.schema,
        identifier='int_reach_days_counted'
    ) -%}
    {%- set latest = latest_date(counted, 'view_date') if counted else none -%}
    {%- set before = days_before(latest, lookback) if latest else settled -%}
    {%- if settled and before and before < settled[:10] -%}
        {%- set before = settled[:10] -%}
    {%- endif -%}
    {{ return([settled[:10] if settled else none, before]) }}
{%- endmacro %}


{% macro settled_days_merged(newly_settled, key_columns) -%}
    {#- For the settled states: the rows of `newly_settled` (unique per
        `key_columns`, with last_view_date and last_click_date), each
        keeping the later of its newly settled and its stored days
        (greatest skips nulls, as max does). Joined to the stored rows, not
        grouped again; on a full build nothing is stored. -#}
    {%- set days = ['last_view_date', 'last_click_date'] -%}
    select
        {%- for key in key_columns %}
        newly_settled.{{ key }},
        {%- endfor %}
        {%- for day in days %}
        greatest(newly_settled.{{ day }}, stored.{{ day }}) as {{ day }}
        {%- if not loop.last %},{% endif %}
        {%- endfor %}
    from {{ newly_settled }} as newly_settled
    left join (
        {{ stored_rows_of(
            new_rows=newly_settled,
            key_columns=key_columns,
            columns=key_columns + days
        ) }}
    ) as stored
        on
        {%- for key in key_columns %}
            newly_settled.{{ key }} = stored.{{ key }}
            {%- if not loop.last %} and{% endif %}
        {%- endfor %}
{%- endmacro %}


{% macro reach_restart_date() -%}
    {#- The first view date int_reach_days_counted recounts this run: the
        people's settled state's boundary (none: count every day). The
        accounts' state is folded over the same days in the same run (see
        settled_boundaries); it can only lag behind when a run folded no
        account rows, and then it holds none to lag on. A boundary past the
        people's means the states were built apart: an error. -#}
    {%- if not (execute and is_incremental()) -%}
        {{ return(none) }}
    {%- endif -%}
    {%- set boundaries = [] -%}
    {%- for state in [
        ref('int_engagement_pairs_settled'),
        ref('int_account_campaigns_settled')
    ] -%}
        {%- set settled = run_query(
            "select cast(max(settled_before) as " ~ type_string() ~ ") from "
            ~ state
        ).columns[0].values()[0] -%}
        {%- do boundaries.append(settled[:10] if settled else '') -%}
    {%- endfor -%}
    {%- if boundaries[1] > boundaries[0] -%}
        {{ exceptions.raise_compiler_error(
            "int_reach_days_counted: int_account_campaigns_settled is settled "
            ~ "before " ~ boundaries[1] ~ ", past int_engagement_pairs_settled ("
            ~ (boundaries[0] or 'nothing settled') ~ "): the two states were "
            ~ "built apart. Rebuild both: dbt build --full-refresh --select "
            ~ "int_engagement_pairs_settled int_account_campaigns_settled "
            ~ "int_reach_days_counted"
        ) }}
    {%- endif -%}
    {{ return(boundaries[0] or none) }}
{%- endmacro %}


{% macro delete_uncounted_days() -%}
    {#- The pre-hook of int_reach_days_counted: removes the days this run
        counts again (all of them when nothing is settled yet). -#}
    {%- if execute and is_incremental() -%}
        {%- set restart = reach_restart_date() -%}
        {{ delete_rows_where(
            "view_date >= '" ~ restart ~ "'" if restart else 'true'
        ) }}
    {%- else -%}
        {{ delete_rows_where(none) }}
    {%- endif -%}
{%- endmacro %}


{% macro zero_if_null(count) -%}
    {#- A count that is missing (no row on the joined side) as 0. -#}
    cast(coalesce({{ count }}, 0) as {{ type_count() }})
{%- endmacro %}


{% macro period_start_of(grain, period_key, first_view_date) -%}
    {#- A mart row's period_start: the period's first day, or at all_time
        the first day with a counted view in the row's slice. -#}
    case
        when {{ grain }} = 'all_time' then {{ first_view_date }}
        else {{ period_key }}
    end
{%- endmacro %}


{% macro people_with_accounts(people, accounts, slice_columns) -%}
    {#- The period rows of people (reach_by_period) with the accounts of the
        same period and slice: viewers, clickers, views and clicks from the
        people, accounts_viewed and accounts_clicked from the accounts (0
        where no mapped person viewed). -#}
    select
        {{ people }}.period_grain,
        {{ people }}.period_key,
        {%- for column in slice_columns %}
        {{ people }}.{{ column }},
        {%- endfor %}
        {{ people }}.first_view_date,
        {{ people }}.views,
        {{ people }}.clicks,
        {{ people }}.entities as viewers,
        {{ people }}.clicking_entities as clickers,
        {{ zero_if_null(accounts ~ '.entities') }} as accounts_viewed,
        {{ zero_if_null(accounts ~ '.clicking_entities') }} as accounts_clicked
    from {{ people }}
    left join {{ accounts }}
        on
            {{ people }}.period_grain = {{ accounts }}.period_grain
            and {{ people }}.period_key = {{ accounts }}.period_key
            {%- for column in slice_columns %}
            and {{ people }}.{{ column }} = {{ accounts }}.{{ column }}
            {%- endfor %}
{%- endmacro %}
