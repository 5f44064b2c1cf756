-- pathonly: reachable only through a package.path entry for pathmods.
return { value = "pathonly" }
