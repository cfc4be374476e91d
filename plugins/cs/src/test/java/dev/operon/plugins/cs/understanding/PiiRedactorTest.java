package dev.operon.plugins.cs.understanding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PiiRedactorTest {

    @Test
    void masksEmailAddresses() {
        assertEquals("write to [email] please", PiiRedactor.redact("write to jane.doe+bank@example.co.uk please"));
    }

    @Test
    void masksCardNumbersThatPassTheLuhnCheck() {
        assertEquals("my card [card] was charged", PiiRedactor.redact("my card 4111 1111 1111 1111 was charged"));
        assertEquals("card [card]", PiiRedactor.redact("card 5500-0000-0000-0004"));
        assertTrue(PiiRedactor.luhn("4012888888881881"));
        assertFalse(PiiRedactor.luhn("4111111111111112"));
    }

    @Test
    void aSixteenDigitNumberFailingLuhnIsNotACardButFifteenDigitsCanBeAPhone() {
        assertEquals("ref 4111111111111112", PiiRedactor.redact("ref 4111111111111112"));
        assertEquals("ref [phone]", PiiRedactor.redact("ref 411111111111112"));
    }

    @Test
    void masksPhoneNumbers() {
        assertEquals("call me on [phone] today", PiiRedactor.redact("call me on +44 20 7946 0958 today"));
        assertEquals("电话[phone]", PiiRedactor.redact("电话13812345678"));
        assertEquals("ring [phone]", PiiRedactor.redact("ring (555) 123-4567"));
    }

    @Test
    void leavesDatesAmountsAndShortNumbersAlone() {
        String text = "On 2024-03-12 I paid 1250.00 euros, 3 times, order 12345";
        assertEquals(text, PiiRedactor.redact(text));
        assertFalse(PiiRedactor.containsPii("I was charged 100 dollars on 12/03/2024"));
    }
}
