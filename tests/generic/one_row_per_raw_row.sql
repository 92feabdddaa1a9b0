{% test one_row_per_raw_row(model, raw_input_name) %}
{#- The model's grain is one row per row of the raw input (identical raw
    rows included, so there is no key to test unique): fails when the model
    and the raw input have different row counts. -#}
with

model_rows as (

    select count(*) as row_count from {{ model }}

),

raw_rows as (

    select count(*) as row_count from {{ raw_input(raw_input_name) }}

),

compared as (

    select
        model_rows.row_count as model_row_count,
        raw_rows.row_count as raw_row_count

    from model_rows
    cross join raw_rows
    where model_rows.row_count != raw_rows.row_count

)

select * from compared
{% endtest %}
