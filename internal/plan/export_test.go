package plan

// QuoteForTest exposes the TOML string quoting to the external tests.
var QuoteForTest = quote
