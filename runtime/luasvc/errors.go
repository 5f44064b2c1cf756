package luasvc

import "errors"

var (
	errNoServiceName = errors.New("snlua: launch without a service name")
)
