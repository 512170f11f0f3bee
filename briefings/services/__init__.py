"""Operations that change data: each runs in one transaction and writes its audit event."""
