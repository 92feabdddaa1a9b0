{#- The Wilson macro against values worked by hand with z = 1.959964
    (z^2 = 3.841459):
    - 20 of 80: p = 0.25, centre = (0.25 + 3.841459 / 160) = 0.274009,
      half-width = 1.959964 * sqrt(0.25 * 0.75 / 80 + 3.841459 / 25600)
      = 1.959964 * 0.049938 = 0.097877, divisor 1 + 3.841459 / 80
      = 1.048018: (0.168062, 0.354847).
    - 0 of 10: lower exactly 0; upper = (z^2 / n) / (1 + z^2 / n)
      = 0.384146 / 1.384146 = 0.277533.
    - 10 of 10: upper exactly 1; lower = 1 / 1.384146 = 0.722467.
    - 1 of 2: centre 0.5 + 0.960365 = 1.460365, half-width
      1.959964 * sqrt(0.125 + 0.480182) = 1.524896, divisor 2.920730:
      (0.094531, 0.905469).
    - 0 of 0: both null. -#}
with

cases as (

    select
        20 as successes,
        80 as trials,
        0.168062 as expected_lower,
        0.354847 as expected_upper

    union all

    select
        0 as successes,
        10 as trials,
        0.0 as expected_lower,
        0.277533 as expected_upper

    union all

    select
        10 as successes,
        10 as trials,
        0.722467 as expected_lower,
        1.0 as expected_upper

    union all

    select
        1 as successes,
        2 as trials,
        0.094531 as expected_lower,
        0.905469 as expected_upper

    union all

    select
        0 as successes,
        0 as trials,
        cast(null as {{ type_double() }}) as expected_lower,
        cast(null as {{ type_double() }}) as expected_upper

),

computed as (

    select
        *,
        {{ wilson_bound('successes', 'trials', 'lower') }} as actual_lower,
        {{ wilson_bound('successes', 'trials', 'upper') }} as actual_upper

    from cases

),

failures as (

    select *
    from computed
    where
        not (
            (actual_lower is null and expected_lower is null)
            or abs(actual_lower - expected_lower) < 1e-6
        )
        or not (
            (actual_upper is null and expected_upper is null)
            or abs(actual_upper - expected_upper) < 1e-6
        )
        or (successes = 0 and trials > 0 and actual_lower != 0)
        or (successes = trials and trials > 0 and actual_upper != 1)

)

select * from failures
