{#- Incremental builds. Raw inputs carry no load time, so a run reprocesses
    a window of recent event dates: from the model's latest stored date back
    by `lookback_days`. An event arriving up to `late_arrival_days` late is
    picked up by the next normal run; an older one needs --full-refresh. -#}

{% macro incremental_window_start(date_column, lookback_days) -%}
    {#- The first date (YYYY-MM-DD text) a run of this incremental model
        rewrites: its latest stored `date_column` minus `lookback_days`;
        none on a full build or while the model is empty. -#}
    {%- if not (execute and is_incremental()) -%}
        {{ return(none) }}
    {%- endif -%}
    {%- set latest = latest_date(this, date_column) -%}
    {%- if latest is none -%}
        {{ return(none) }}
    {%- endif -%}
    {{ return(days_before(latest, lookback_days)) }}
{%- endmacro %}


{% macro latest_date(relation, date_column) -%}
    {#- The latest `date_column` stored in `relation` (YYYY-MM-DD text), or
        none when it is empty. Dates after tomorrow are clock errors: they
        must not move an incremental window past today's events. -#}
    {%- set latest = run_query(
        "select cast(max(" ~ date_column ~ ") as " ~ type_string() ~ ")"
        ~ " from " ~ relation ~ " where " ~ date_column ~ " <= "
        ~ dbt.dateadd('day', 1, 'current_date')
    ).columns[0].values()[0] -%}
    {{ return(latest[:10] if latest is not none else none) }}
{%- endmacro %}


{% macro days_before(iso_date, days) -%}
    {#- The date (YYYY-MM-DD text) `days` days before `iso_date`. -#}
    {%- set day = modules.datetime.date.fromisoformat(iso_date[:10])
        - modules.datetime.timedelta(days=days | int) -%}
    {{ return(day.isoformat()) }}
{%- endmacro %}


{% macro event_lookback_days() -%}
    {#- Days an event run looks back: the late-arrival allowance and one day
        for UTC offsets. -#}
    {{ return(var('late_arrival_days') | int + 1) }}
{%- endmacro %}


{% macro engagement_lookback_days() -%}
    {#- Days the engagement fact looks back: a late click can be attributed
        to a view up to attribution_window_days before it. -#}
    {{ return(event_lookback_days() + var('attribution_window_days') | int) }}
{%- endmacro %}


{% macro delete_from_window(date_column, lookback_days) -%}
    {#- A pre-hook for append-only incremental models: removes the window a
        run rewrites, so every date in it is rebuilt whole. -#}
    {%- set start = incremental_window_start(date_column, lookback_days) -%}
    {{ delete_rows_where(
        none if start is none else date_column ~ " >= '" ~ start ~ "'"
    ) }}
{%- endmacro %}


{% macro delete_rows_where(condition) -%}
    {#- A pre-hook statement: deletes this model's rows that meet
        `condition`, or does nothing when it is none (a full build, or an
        empty model). -#}
    {%- if condition is none -%}
        select 1 as nothing_to_delete
    {%- else -%}
        delete from {{ this }} where {{ condition }}
    {%- endif -%}
{%- endmacro %}


{% macro is_on_or_after(expression, window_start, as_text=false) -%}
    {#- The condition that keeps a row in an incremental run's window:
        `expression` on or after `window_start` (compared as a date, or as
        ISO text when `as_text`), or true on a full build. -#}
    {%- if window_start is none -%}
        true
    {%- elif as_text -%}
        {{ expression }} >= '{{ window_start }}'
    {%- else -%}
        {{ expression }} >= cast('{{ window_start }}' as date)
    {%- endif -%}
{%- endmacro %}


{% macro stored_rows_of(new_rows, key_columns, columns) -%}
    {#- On an incremental run, the rows this model already stores for the
        keys that occur in `new_rows`; on a full build, no rows (shaped like
        `new_rows`). -#}
    {%- if is_incremental() -%}
        select
            {%- for column in columns %}
            stored.{{ column }}{% if not loop.last %},{% endif %}
            {%- endfor %}
        from {{ this }} as stored
        inner join (
            select distinct {{ key_columns | join(', ') }}
            from {{ new_rows }}
        ) as new_keys
            on
            {%- for key in key_columns %}
                stored.{{ key }} = new_keys.{{ key }}
                {%- if not loop.last %} and{% endif %}
            {%- endfor %}
    {%- else -%}
        select * from {{ new_rows }} where false
    {%- endif -%}
{%- endmacro %}


{% macro new_or_changed_rows(rows, key_columns, columns) -%}
    {#- The rows of `rows` (listed as `columns`, in that order) that differ
        from the row this model stores for their key, or have none: on an
        incremental run, all a delete+insert needs to write, so rows a run
        recomputes unchanged are not rewritten; on a full build, every
        row. -#}
    select * from {{ rows }}
    {%- if is_incremental() %}
    except
    {{ stored_rows_of(rows, key_columns, columns) }}
    {%- endif -%}
{%- endmacro %}


{% macro incremental_materialization() -%}
    {#- How the event models and the engagement fact are built: incrementally
        (delete+insert) where the engine can delete rows, else as tables
        rebuilt on every run (see the dispatch implementations). -#}
    {{ return(adapter.dispatch('incremental_materialization')()) }}
{%- endmacro %}

{% macro default__incremental_materialization() -%}
    {{ return('incremental') }}
{%- endmacro %}

{% macro spark__incremental_materialization() -%}
    {#- Spark's Parquet tables cannot delete rows. -#}
    {{ return('table') }}
{%- endmacro %}


{% macro raw_event_day(raw_timestamp) -%}
    {#- The day a raw timestamp's text starts with (YYYY-MM-DD, before any
        offset is applied), or null when the text, as it arrived, is not
        date-shaped: what an incremental run windows raw rows by, since they
        carry no load time. Computed on the raw column itself, so a filter on
        it is applied while the raw input is scanned. -#}
    case
        when {{ raw_timestamp }} like '____-__-__%'
            then substr({{ raw_timestamp }}, 1, 10)
    end
{%- endmacro %}


{% macro staging_window_start() -%}
    {#- The first raw event day int_events_staged restages, and whose event
        ids int_repeated_events_deduplicated ranks again: a day before the
        event models' window (offsets move a UTC date by up to a day),
        from the calling model's latest event_date. -#}
    {{ return(incremental_window_start('event_date', event_lookback_days() + 1)) }}
{%- endmacro %}


{% macro is_in_staging_window(raw_day, window_start) -%}
    {#- A raw row an incremental run (re)stages and deduplicates: its raw
        event day is in the window, or it has none (not date-shaped; always
        restaged). Written as one comparison defaulting to true, so the
        raw day is computed once per raw row (a quarter faster to scan
        100M raw views than `day >= start or day is null`). -#}
    {%- if window_start is none -%}
        true
    {%- else -%}
        coalesce({{ raw_day }} >= '{{ window_start }}', true)
    {%- endif -%}
{%- endmacro %}


{% macro delete_unstaged_rows() -%}
    {#- The pre-hook of int_events_staged: removes the rows the run stages
        again. -#}
    {%- set start = staging_window_start() -%}
    {{ delete_rows_where(
        none if start is none
        else is_in_staging_window('raw_event_day', start)
    ) }}
{%- endmacro %}


{% macro delete_rechecked_event_ids() -%}
    {#- The pre-hook of int_repeated_events_deduplicated: removes the ids the
        run ranks again (those with a valid staged copy in its window; the
        window is staging's, computed on this table, whose latest date can
        only lag the staged events': wider, never narrower). -#}
    {%- set start = staging_window_start() -%}
    {{ delete_rows_where(
        none if start is none
        else "(event_type, event_id) in (select event_type, event_id from "
            ~ ref('int_events_staged')
            ~ " where not is_rejected and "
            ~ is_in_staging_window('raw_event_day', start) ~ ")"
    ) }}
{%- endmacro %}


{% macro kept_if_rejected(raw_column) -%}
    {#- A raw column kept for a rejected row only (null for a valid one). -#}
    case when is_rejected then {{ raw_column }} end
{%- endmacro %}


{% macro tracking_lookback_days() -%}
    {#- Days tracking_health recounts: the engagement fact's window (the
        longest of the models it counts from) and a day for offsets. -#}
    {{ return(engagement_lookback_days() + 1) }}
{%- endmacro %}


{% macro delete_recounted_days() -%}
    {#- The pre-hook of tracking_health: removes the dates a run recounts,
        and the row of invalid timestamps (null date). -#}
    {%- set start = incremental_window_start('date_day', tracking_lookback_days()) -%}
    {{ delete_rows_where(
        none if start is none
        else "date_day >= '" ~ start ~ "' or date_day is null"
    ) }}
{%- endmacro %}

