{% macro latest_view_before_click(clicks, views, window_seconds) -%}
    {#- Rule 6's search: for each click in `clicks` (click_id, clicked_at,
        person_email, creative_id), the latest view in `views` (view_id,
        viewed_at, viewed_date, person_email, creative_id) by the same person
        of the same creative at or before the click and at most
        `window_seconds` before it; ties go to the smallest view id. Returns
        click_id, view_id, viewed_at, viewed_date. -#}
    {{ return(adapter.dispatch('latest_view_before_click')(
        clicks, views, window_seconds
    )) }}
{%- endmacro %}

{% macro default__latest_view_before_click(clicks, views, window_seconds) -%}
    select
        click_id,
        view_id,
        viewed_at,
        viewed_date

    from (
        select
            {{ clicks }}.click_id,
            {{ views }}.view_id,
            {{ views }}.viewed_at,
            {{ views }}.viewed_date,
            row_number() over (
                partition by {{ clicks }}.click_id
                order by {{ views }}.viewed_at desc, {{ views }}.view_id asc
            ) as view_rank

        from {{ clicks }}
        inner join {{ views }}
            on
                {{ clicks }}.person_email = {{ views }}.person_email
                and {{ clicks }}.creative_id = {{ views }}.creative_id
                and {{ views }}.viewed_at <= {{ clicks }}.clicked_at
                and {{ views }}.viewed_at >= {{ add_seconds(
                    clicks ~ '.clicked_at', -window_seconds
                ) }}
    ) as candidate_views

    where view_rank = 1
{%- endmacro %}

{% macro duckdb__latest_view_before_click(clicks, views, window_seconds) -%}
    {#- An ASOF join finds, per click, the instant of the latest view at or
        before it in one sorted pass; the window is checked on that match
        (when the latest view is outside the window, every earlier one is
        too). ASOF returns an arbitrary view among views tied on that
        instant, so the views at the matched instant are joined back and
        the smallest view id is kept. Microsecond timestamps throughout.
        Measured on 4M views and 500k clicks (2 cores): 8 s where a person
        has ~150 views of a creative within 7 days (the window-function
        form: 150 s), 4 s against 2 s where they have about one. -#}
    select
        latest_instants.click_id,
        min({{ views }}.view_id) as view_id,
        latest_instants.viewed_at,
        min({{ views }}.viewed_date) as viewed_date

    from (
        select
            {{ clicks }}.click_id,
            {{ clicks }}.person_email,
            {{ clicks }}.creative_id,
            {{ views }}.viewed_at

        from {{ clicks }}
        asof inner join {{ views }}
            on
                {{ clicks }}.person_email = {{ views }}.person_email
                and {{ clicks }}.creative_id = {{ views }}.creative_id
                and {{ clicks }}.clicked_at >= {{ views }}.viewed_at
        where {{ views }}.viewed_at >= {{ add_seconds(
            clicks ~ '.clicked_at', -window_seconds
        ) }}
    ) as latest_instants
    inner join {{ views }}
        on
            latest_instants.person_email = {{ views }}.person_email
            and latest_instants.creative_id = {{ views }}.creative_id
            and latest_instants.viewed_at = {{ views }}.viewed_at

    group by latest_instants.click_id, latest_instants.viewed_at
{%- endmacro %}
