package report_test

import "time"

func timeMonth(m int) time.Month { return time.Month(m) }
