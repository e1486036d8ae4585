// Package golden holds unroot's golden cases under testdata/; see
// golden_test.go for the format and the properties every case is checked for.
package golden
