with

source as (

    select * from {{ raw_input('raw_contacts') }}

),

cleaned as (

    select
        {{ clean_text('contact_id') }} as contact_id,
        {{ normalise_email('email') }} as person_email,
        {{ clean_text('account_id') }} as account_id,
        {{ clean_text('updated_at') }} as updated_at_text

    from source

),

typed as (

    select
        contact_id,
        person_email,
        account_id,
        {{ parse_utc_timestamp('updated_at_text') }} as updated_at

    from cleaned

)

select * from typed
