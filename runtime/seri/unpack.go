package seri

// Unpack decodes every value in data, as skynet.unpack does. Empty input
// gives no values. Decoded values use the Go types listed on [Pack] in
// canonical form: nil, bool, int64, float64, string (a copy),
// [Userdata] and *[Table].
func Unpack(data []byte) ([]any, error) {
	d := Decoder{data: data}
	var out []any
	for d.More() {
		v, err := d.ReadValue()
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, nil
}

// ReadValue decodes one complete value, building tables as *Table.
func (d *Decoder) ReadValue() (any, error) {
	h, err := d.Next()
	if err != nil {
		return nil, err
	}
	return d.build(h)
}

func (d *Decoder) build(h Value) (any, error) {
	switch h.Kind {
	case KindBool:
		return h.Bool, nil
	case KindInt:
		return h.Int, nil
	case KindReal:
		return h.Real, nil
	case KindUserdata:
		return Userdata(h.Pointer), nil
	case KindString:
		return string(h.Str), nil
	case KindTable:
		return d.buildTable(h.ArrayLen)
	}
	return nil, nil
}

func (d *Decoder) buildTable(n int) (*Table, error) {
	t := &Table{}
	if n > 0 {
		t.Array = make([]any, n)
	}
	for i := range t.Array {
		v, err := d.ReadValue()
		if err != nil {
			return nil, err
		}
		t.Array[i] = v
	}
	for {
		kh, ok, err := d.NextKey()
		if err != nil {
			return nil, err
		}
		if !ok {
			return t, nil
		}
		k, err := d.build(kh)
		if err != nil {
			return nil, err
		}
		v, err := d.ReadValue()
		if err != nil {
			return nil, err
		}
		t.Hash = append(t.Hash, KV{Key: k, Value: v})
	}
}
