-- dc_inject: run inside a service by the debug console's inject command.
print("injected", ...)
print("protocols", type(_P))
