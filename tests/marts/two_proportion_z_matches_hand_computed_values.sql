{#- The pooled two-proportion z macro against values worked by hand:
    - 30/100 against 20/100: p = 50/200 = 0.25,
      z = 0.1 / sqrt(0.25 * 0.75 * (1/100 + 1/100)) = 0.1 / 0.0612372
      = 1.632993 (not significant at 1.96).
    - 50/100 against 25/100: p = 0.375,
      z = 0.25 / sqrt(0.375 * 0.625 * 0.02) = 0.25 / 0.0684653 = 3.651484.
    - 20/100 against 30/100: the sign flips: -1.632993.
    - 0/10 against 0/10 (p = 0), 10/10 against 5/5 (p = 1) and 3/10
      against 0/0 (n2 = 0): null. -#}
with

cases as (

    select
        30 as successes_1,
        100 as trials_1,
        20 as successes_2,
        100 as trials_2,
        1.632993 as expected_z

    union all

    select
        50 as successes_1,
        100 as trials_1,
        25 as successes_2,
        100 as trials_2,
        3.651484 as expected_z

    union all

    select
        20 as successes_1,
        100 as trials_1,
        30 as successes_2,
        100 as trials_2,
        -1.632993 as expected_z

    union all

    select
        0 as successes_1,
        10 as trials_1,
        0 as successes_2,
        10 as trials_2,
        cast(null as {{ type_double() }}) as expected_z

    union all

    select
        10 as successes_1,
        10 as trials_1,
        5 as successes_2,
        5 as trials_2,
        cast(null as {{ type_double() }}) as expected_z

    union all

    select
        3 as successes_1,
        10 as trials_1,
        0 as successes_2,
        0 as trials_2,
        cast(null as {{ type_double() }}) as expected_z

),

computed as (

    select
        *,
        {{ two_proportion_z(
            'successes_1', 'trials_1', 'successes_2', 'trials_2'
        ) }} as actual_z

    from cases

),

failures as (

    select *
    from computed
    where
        not (
            (actual_z is null and expected_z is null)
            or abs(actual_z - expected_z) < 1e-6
        )

)

select * from failures
