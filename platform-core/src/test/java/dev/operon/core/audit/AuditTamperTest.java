package dev.operon.core.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.operon.core.api.ApiException;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Tampering with plain SQL, the way a database superuser could, and checking that the verifier names the first bad
 * record. Each test tampers with a private copy of the log: temporary tables of the same name, which shadow the real
 * ones on one connection inside a transaction that is rolled back afterwards, so the real log is never touched and
 * other test classes always see it intact. The copy has the append-only trigger, which the tampering disables first.
 */
@QuarkusTest
class AuditTamperTest {

    @Inject
    AuditService audit;

    @Inject
    AuditVerifier verifier;

    @Inject
    AgroalDataSource dataSource;

    Connection copy;
    long head;

    @BeforeEach
    void copyTheLog() throws SQLException {
        for (int i = 0; i < 12; i++) {
            audit.record(new AuditEvent(Actor.operator("tamper-test"), "task.update", "task:" + i,
                    AuditEvent.SUCCESS, "req-" + i, Map.of("n", i), Map.of("n", i + 1), null));
        }
        copy = dataSource.getConnection();
        copy.setAutoCommit(false);
        sql("create temp table audit_record (like public.audit_record including all) on commit drop");
        sql("insert into audit_record select * from public.audit_record");
        sql("create temp table audit_head (like public.audit_head including all) on commit drop");
        sql("insert into audit_head select * from public.audit_head");
        sql("create trigger audit_record_append_only before update or delete or truncate on audit_record"
                + " for each statement execute function public.audit_forbid_change()");
        head = verify().headSeq();
    }

    @AfterEach
    void dropTheCopy() throws SQLException {
        copy.rollback();
        copy.setAutoCommit(true);
        copy.close();
    }

    @Test
    void theUntouchedCopyIsIntact() throws SQLException {
        try (Statement s = copy.createStatement();
             ResultSet rs = s.executeQuery("select c.relpersistence from pg_class c"
                     + " where c.oid = 'audit_record'::regclass")) {
            assertTrue(rs.next());
            assertEquals("t", rs.getString(1), "audit_record must resolve to the temporary copy");
        }
        AuditVerification result = verify();
        assertTrue(result.intact(), result::reason);
        assertEquals(head, result.recordsChecked());
    }

    @Test
    void theCopyIsAppendOnlyUntilTheTriggerIsDisabled() {
        assertThrows(SQLException.class, () -> sql("update audit_record set action = 'x'"));
    }

    @Test
    void anEditedFieldNamesTheRecord() throws SQLException {
        long k = head - 5;
        tamper("update audit_record set target = 'task:999' where seq = " + k);

        AuditVerification result = verify();
        assertBroken(result, k, "record " + k + " was edited");
        assertTrue(result.reason().contains("record " + (k + 1) + " is still chained to"), result.reason());
        assertEquals(k - 1, result.recordsChecked());
    }

    @Test
    void anEditedJsonFieldIsNamedAsTheChangedPart() throws SQLException {
        long k = head - 5;
        tamper("update audit_record set after = '{\"n\": 1000}' where seq = " + k);

        assertBroken(verify(), k, "changed part: after");
    }

    @Test
    void anEditedHashColumnIsToldApartFromEditedContent() throws SQLException {
        long k = head - 5;
        tamper("update audit_record set hash = repeat('b', 64) where seq = " + k);

        assertBroken(verify(), k, "edited hash column");
    }

    @Test
    void anEditedLinkIsNamed() throws SQLException {
        long k = head - 5;
        tamper("update audit_record set prev_hash = repeat('c', 64) where seq = " + k);

        assertBroken(verify(), k, "edited prev_hash");
    }

    @Test
    void aRecordRewrittenAndReHashedIsCaughtByItsSuccessorsLink() throws SQLException {
        long k = head - 5;
        AuditRecord original = read(k);
        AuditRecord forged = new AuditRecord(k, original.at(), original.actorType(), original.actorId(),
                "task.delete", original.target(), original.outcome(), original.requestId(), original.before(),
                original.after(), original.details(), original.prevHash(), null);
        tamper("update audit_record set action = 'task.delete', hash = '" + forged.computeHash()
                + "' where seq = " + k);

        AuditVerification result = verify();
        assertBroken(result, k, "record " + k + " was rewritten and re-hashed");
        assertEquals(k - 1, result.recordsChecked(), "the rewritten record does not count as sound");
    }

    @Test
    void aDeletedMiddleRecordIsNamed() throws SQLException {
        long k = head - 5;
        tamper("delete from audit_record where seq = " + k);

        assertBroken(verify(), k, "record " + k + " is missing (deleted): the log jumps from seq " + (k - 1)
                + " to seq " + (k + 1));
    }

    @Test
    void severalDeletedRecordsAreNamedAsARange() throws SQLException {
        long k = head - 6;
        tamper("delete from audit_record where seq between " + k + " and " + (k + 2));

        assertBroken(verify(), k, "records " + k + " to " + (k + 2) + " are missing");
    }

    @Test
    void aDeletedFirstRecordIsNamed() throws SQLException {
        tamper("delete from audit_record where seq = 1");

        assertBroken(verify(), 1, "record 1 is missing (deleted): the log starts at seq 2");
    }

    @Test
    void swappedNeighboursAreReportedAsReordered() throws SQLException {
        long k = head - 5;
        swap(k, k + 1);

        assertBroken(verify(), k, "record " + k + " is out of order (records were reordered)");
        assertTrue(verify().reason().contains("it was written as seq " + (k + 1)), verify().reason());
    }

    @Test
    void distantSwappedRecordsAreReportedAsReordered() throws SQLException {
        long k = head - 8;
        swap(k, k + 3);

        AuditVerification result = verify();
        assertBroken(result, k, "is chained after record " + (k + 2) + ", not after record " + (k - 1));
        assertTrue(result.reason().contains("it was written as seq " + (k + 3)), result.reason());
    }

    @Test
    void aRecordMovedPastTheEndLeavesAGapNamedAsReordered() throws SQLException {
        long k = head - 5;
        tamper("update audit_record set seq = " + (head + 100) + " where seq = " + k);

        assertBroken(verify(), k, "is stored at seq " + (head + 100) + " (records were reordered)");
    }

    @Test
    void aRecordMovedBeforeTheStartIsNamed() throws SQLException {
        long k = head - 5;
        tamper("update audit_record set seq = -" + k + " where seq = " + k);

        assertBroken(verify(), -k, "lies before the start of the chain");
    }

    @Test
    void aDeletedTailIsNamed() throws SQLException {
        tamper("delete from audit_record where seq > " + (head - 2));

        AuditVerification result = verify();
        assertBroken(result, head - 1, "records " + (head - 1) + " to " + head + " are missing (tail deleted)");
        assertEquals(head - 2, result.recordsChecked());
    }

    @Test
    void anEditedHeadIsNamed() throws SQLException {
        sql("update audit_head set hash = repeat('d', 64)");

        assertBroken(verify(), head, "the head was edited");
    }

    @Test
    void aHeadMovedBackIsNamed() throws SQLException {
        sql("update audit_head set seq = seq - 3, hash = (select hash from audit_record where seq = "
                + (head - 3) + ")");

        assertBroken(verify(), head - 2, "past the head");
    }

    @Test
    void anIncrementalCheckStartsFromAKnownRecord() throws SQLException {
        long k = head - 4;
        String knownHash = read(k).hash();
        tamper("update audit_record set target = 'before-the-checkpoint' where seq = 2");

        AuditVerification fromCheckpoint = verifier.verify(copy, k, knownHash);
        assertTrue(fromCheckpoint.intact(), fromCheckpoint::reason);
        assertEquals(5, fromCheckpoint.recordsChecked());
        assertFalse(verify().intact(), "a full check still sees the earlier edit");
    }

    @Test
    void anIncrementalCheckSeesARewriteOfItsStartingRecord() throws SQLException {
        long k = head - 4;
        String knownHash = read(k).hash();
        AuditRecord original = read(k);
        AuditRecord forged = new AuditRecord(k, original.at(), original.actorType(), "someone-else",
                original.action(), original.target(), original.outcome(), original.requestId(), original.before(),
                original.after(), original.details(), original.prevHash(), null);
        tamper("update audit_record set actor_id = 'someone-else', hash = '" + forged.computeHash()
                + "' where seq = " + k);

        AuditVerification result = verifier.verify(copy, k, knownHash);
        assertFalse(result.intact());
        assertEquals(k, result.firstBadSeq());
        assertTrue(result.reason().contains("not the known hash"), result.reason());
    }

    @Test
    void anIncrementalCheckPastTheHeadIsInvalidInput() {
        ApiException e = assertThrows(ApiException.class, () -> verifier.verify(copy, head + 1, null));
        assertEquals(422, e.status());
    }

    private AuditVerification verify() throws SQLException {
        return verifier.verify(copy, 1, null);
    }

    private static void assertBroken(AuditVerification result, long seq, String reasonPart) {
        assertFalse(result.intact(), "expected a broken chain");
        assertEquals(seq, result.firstBadSeq(), result.reason());
        assertTrue(result.reason().contains(reasonPart), "reason was: " + result.reason());
    }

    private void swap(long a, long b) throws SQLException {
        tamper("update audit_record set seq = -1 where seq = " + a,
                "update audit_record set seq = " + a + " where seq = " + b,
                "update audit_record set seq = " + b + " where seq = -1");
    }

    private void tamper(String... statements) throws SQLException {
        sql("alter table audit_record disable trigger audit_record_append_only");
        for (String statement : statements) {
            sql(statement);
        }
        sql("alter table audit_record enable trigger audit_record_append_only");
    }

    private AuditRecord read(long seq) throws SQLException {
        try (PreparedStatement select = copy.prepareStatement(
                "select " + AuditRecord.COLUMNS + " from audit_record where seq = ?")) {
            select.setLong(1, seq);
            try (ResultSet rs = select.executeQuery()) {
                assertTrue(rs.next(), "record " + seq);
                return AuditRecord.read(rs);
            }
        }
    }

    private void sql(String statement) throws SQLException {
        try (Statement s = copy.createStatement()) {
            s.execute(statement);
        }
    }
}
