/** Function vocabularies that decide a column's transformation kind and which arguments are not columns. */

/** Aggregate functions across the dbt adapters' dialects (lower-case); any function with OVER (...) also counts. */
export const AGGREGATE_FUNCTIONS = new Set([
  'sum', 'count', 'avg', 'min', 'max', 'array_agg', 'listagg', 'string_agg', 'group_concat', 'median', 'mode',
  'stddev', 'stddev_pop', 'stddev_samp', 'variance', 'var_pop', 'var_samp', 'any_value', 'approx_count_distinct',
  'approx_distinct', 'count_if', 'countif', 'bool_and', 'bool_or', 'booland_agg', 'boolor_agg', 'bit_and', 'bit_or',
  'bit_xor', 'bitand_agg', 'bitor_agg', 'every', 'logical_and', 'logical_or', 'object_agg', 'array_union_agg',
  'array_unique_agg', 'approx_percentile', 'percentile_cont', 'percentile_disc', 'percentile_approx', 'hll',
  'min_by', 'max_by', 'arg_min', 'arg_max', 'argmin', 'argmax', 'corr', 'covar_pop', 'covar_samp', 'kurtosis',
  'skew', 'skewness', 'collect_list', 'collect_set', 'approx_top_k', 'approx_quantiles', 'json_agg', 'jsonb_agg',
  'json_object_agg', 'jsonb_object_agg', 'xmlagg', 'list', 'histogram', 'product', 'fsum', 'sumkahan', 'favg',
  'regr_slope', 'regr_intercept', 'regr_count', 'regr_r2', 'regr_avgx', 'regr_avgy', 'entropy', 'first', 'last',
]);

/** Functions whose unqualified date-part arguments (`date_trunc(month, x)`) are keywords, not columns. */
export const DATE_PART_FUNCTIONS = new Set([
  'date_trunc', 'datetrunc', 'dateadd', 'date_add', 'datediff', 'date_diff', 'timestampadd', 'timestampdiff',
  'timestamp_add', 'timestamp_diff', 'timestamp_sub', 'timestamp_trunc', 'datetime_add', 'datetime_diff',
  'datetime_sub', 'datetime_trunc', 'time_add', 'time_diff', 'time_sub', 'time_trunc', 'date_sub', 'date_part',
  'datepart', 'datename', 'last_day', 'time_slice', 'extract', 'date_bucket',
]);

export const DATE_PARTS = new Set([
  'year', 'years', 'yyyy', 'yy', 'y', 'yr', 'yrs', 'isoyear', 'quarter', 'quarters', 'q', 'qtr', 'qtrs', 'month',
  'months', 'mm', 'mon', 'mons', 'week', 'weeks', 'w', 'wk', 'isoweek', 'weekiso', 'weekofyear', 'woy', 'day', 'days',
  'dd', 'd', 'dayofweek', 'dayofweekiso', 'dow', 'dayofmonth', 'dayofyear', 'doy', 'weekday', 'dw', 'hour', 'hours',
  'hh', 'h', 'minute', 'minutes', 'mi', 'm', 'second', 'seconds', 'ss', 's', 'millisecond', 'milliseconds', 'ms',
  'microsecond', 'microseconds', 'us', 'nanosecond', 'nanoseconds', 'ns', 'epoch', 'epoch_second', 'epoch_millisecond',
  'decade', 'century', 'millennium', 'date', 'time', 'datetime',
]);
