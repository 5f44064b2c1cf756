package luasvc

import "errors"

var (
	errNoServiceName = errors.New("snlua: launch without a service name")
	errNoDispatch    = errors.New("snlua: no dispatch function for the protocol")
)
