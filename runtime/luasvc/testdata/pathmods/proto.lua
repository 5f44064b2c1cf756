-- proto: shadows the embedded examples/proto.lua for services that put
-- testdata/pathmods on their package.path (see api_path.lua).
return { from = "pathmods" }
