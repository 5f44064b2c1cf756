-- sub.deep: a dotted module name under a package.path entry.
return { value = "deep" }
