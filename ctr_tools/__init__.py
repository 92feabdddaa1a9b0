"""Python tools of the CTR dbt project: sample data, reference checks, scale data."""
