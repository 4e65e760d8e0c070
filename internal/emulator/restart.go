package emulator

// Restart stops s and starts a new server on the same address with the same options, state file
// included: what restarting the standalone emulator process does. The catalog survives (through the
// state file when there is one); sessions do not, so clients holding one get 390104 and must log in
// again. s must not be used afterwards.
func (s *Server) Restart() (*Server, error) {
	if err := s.Close(); err != nil {
		return nil, err
	}
	opts := s.opts
	opts.Listen = s.Addr()
	opts.AdminPassword = s.adminPwd
	return Start(opts)
}
