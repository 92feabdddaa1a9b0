{#- MetricFlow's day time spine (configured with `time_spine:` in
    _marts__semantic.yml): one row per UTC day over a fixed range that holds
    every view the project can count. -#}
with

spine as (

    {{ day_spine(
        var('time_spine_start', '2020-01-01'),
        var('time_spine_end', '2036-01-01')
    ) }}

)

select * from spine
