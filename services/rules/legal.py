"""Every legal number of a convention de stage, in one place (Code de l'éducation, D124-6 and following).

The yearly minimum hourly gratification is data (table `gratification_rate`, admin-editable), not here.
"""

HOURS_PER_DAY = 7  # 7 hours of presence = 1 day (D124-6)
DAYS_PER_MONTH = 22  # 22 days of presence = 1 month (D124-6)
MAX_MONTHS_PER_HOST_YEAR = 6
MAX_HOURS_PER_HOST_YEAR = MAX_MONTHS_PER_HOST_YEAR * DAYS_PER_MONTH * HOURS_PER_DAY  # 924 h (L124-5)
GRATIFICATION_FREE_DAYS = 44  # gratification mandatory beyond 2 months = 44 days (L124-6)
GRATIFICATION_FREE_HOURS = GRATIFICATION_FREE_DAYS * HOURS_PER_DAY  # 308 h: mandatory from the 309th hour
FULL_TIME_WEEKLY_HOURS = 35
WORKING_DAYS_PER_WEEK_FULL_TIME = 5
FULL_TIME_MONTH_HOURS = DAYS_PER_MONTH * HOURS_PER_DAY  # 154 h: one month of a full-time stage
WEEKS_PER_MONTH = DAYS_PER_MONTH / WORKING_DAYS_PER_WEEK_FULL_TIME  # 4.4 weeks: a month of a part-time schedule
MAX_WEEKLY_HOURS = 48  # maximum working time (Code du travail L3121-20), applies to stagiaires (L124-14)
MAX_DAYS_PER_WEEK = 6  # weekly rest of at least one day
DEFAULT_CURRENCY = 'EUR'
FRANCE = 'FR'
