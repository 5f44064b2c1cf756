package tracer

import "testing"

func TestFilterMatch(t *testing.T) {
	lua := Event{Type: TypeLua, Session: 3, Source: 0x0100000a, Dest: 0x0100000b}
	resp := Event{Type: TypeResponse, Session: 3, Source: 0x0100000b, Dest: 0x0100000a}
	sock := Event{Type: TypeSocket, Sock: SockData, Fd: 8, Dest: 0x0100000f}
	client := Event{Type: TypeClient, Session: 8, Fd: 8, Source: 0x0100000f, Dest: 0x01000010}
	dead := Event{Type: TypeLua, Source: 0x0100000a, Dest: 0x01000099, Outcome: Dead}
	system := Event{Type: TypeResponse, Session: 1, Source: 0, Dest: 0x0100000a}
	noFd := Event{Type: TypeLua, Fd: 8} // Fd means nothing for lua messages

	tests := []struct {
		name string
		f    Filter
		e    Event
		want bool
	}{
		{"zero filter matches all", Filter{}, dead, true},
		{"type in set", Filter{Types: Types(TypeLua, TypeResponse)}, resp, true},
		{"type not in set", Filter{Types: Types(TypeLua)}, sock, false},
		{"high ptype", Filter{Types: Types(200)}, Event{Type: 200}, true},
		{"high ptype miss", Filter{Types: Types(201)}, Event{Type: 200}, false},
		{"source", Filter{Source: 0x0100000a, Fields: FieldSource}, lua, true},
		{"source miss", Filter{Source: 0x0100000a, Fields: FieldSource}, resp, false},
		{"source 0 is a real source", Filter{Source: 0, Fields: FieldSource}, system, true},
		{"source 0 miss", Filter{Source: 0, Fields: FieldSource}, lua, false},
		{"dest", Filter{Dest: 0x0100000a, Fields: FieldDest}, resp, true},
		{"dest miss", Filter{Dest: 0x0100000a, Fields: FieldDest}, lua, false},
		{"service as source", Filter{Service: 0x0100000b, Fields: FieldService}, resp, true},
		{"service as dest", Filter{Service: 0x0100000b, Fields: FieldService}, lua, true},
		{"service miss", Filter{Service: 0x0100000b, Fields: FieldService}, dead, false},
		{"session", Filter{Session: 3, Fields: FieldSession}, resp, true},
		{"session 0 means sends", Filter{Session: 0, Fields: FieldSession}, dead, true},
		{"session miss", Filter{Session: 0, Fields: FieldSession}, lua, false},
		{"fd on socket", Filter{Fd: 8, Fields: FieldFd}, sock, true},
		{"fd on client", Filter{Fd: 8, Fields: FieldFd}, client, true},
		{"fd ignored on lua", Filter{Fd: 8, Fields: FieldFd}, noFd, false},
		{"fd miss", Filter{Fd: 9, Fields: FieldFd}, sock, false},
		{"sock", Filter{Sock: SockData, Fields: FieldSock}, sock, true},
		{"sock miss", Filter{Sock: SockClose, Fields: FieldSock}, sock, false},
		{"sock needs a socket message", Filter{Sock: SockNone, Fields: FieldSock}, lua, false},
		{"outcome", Filter{Outcomes: Outcomes(Dead, Dropped)}, dead, true},
		{"outcome miss", Filter{Outcomes: Outcomes(Dead)}, lua, false},
		{"all constraints hold", Filter{Types: Types(TypeLua), Source: 0x0100000a, Session: 3, Fields: FieldSource | FieldSession}, lua, true},
		{"one constraint fails", Filter{Types: Types(TypeLua), Source: 0x0100000a, Session: 4, Fields: FieldSource | FieldSession}, lua, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := tc.f.Match(&tc.e); got != tc.want {
				t.Errorf("Match = %v, want %v", got, tc.want)
			}
		})
	}
}

func TestSets(t *testing.T) {
	s := Types(0, 63, 64, 255)
	for v := range 256 {
		want := v == 0 || v == 63 || v == 64 || v == 255
		if s.Has(uint8(v)) != want {
			t.Errorf("TypeSet.Has(%d) = %v", v, !want)
		}
	}
	if !(TypeSet{}).Empty() || s.Empty() {
		t.Error("Empty is wrong")
	}
	o := Outcomes(OK, Dropped)
	if !o.Has(OK) || o.Has(Error) || o.Has(Dead) || !o.Has(Dropped) || o.Has(200) {
		t.Errorf("OutcomeSet %08b", o)
	}
}

func TestNames(t *testing.T) {
	for ty := range 256 {
		name := TypeName(uint8(ty))
		back, ok := TypeByName(name)
		if !ok || back != uint8(ty) {
			t.Errorf("type %d -> %q -> %d, %v", ty, name, back, ok)
		}
	}
	if TypeName(TypeLua) != "lua" || TypeName(13) != "ptype_13" {
		t.Error("type names")
	}
	if _, ok := TypeByName("ptype_256"); ok {
		t.Error("ptype_256 accepted")
	}
	for k := range 256 {
		back, ok := ParseSockKind(SockKind(k).String())
		if !ok || back != SockKind(k) {
			t.Errorf("sock %d does not round trip", k)
		}
	}
	for o := OK; o <= Dropped; o++ {
		if back, ok := ParseOutcome(o.String()); !ok || back != o {
			t.Errorf("outcome %v does not round trip", o)
		}
	}
	if Outcome(9).String() != "outcome_9" {
		t.Error("unknown outcome name")
	}
}
