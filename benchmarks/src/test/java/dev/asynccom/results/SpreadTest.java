package dev.asynccom.results;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SpreadTest {
    @Test
    void theMedianIsTheMiddleReadingOrTheMeanOfTheTwoMiddleOnes() {
        Spread odd = Spread.of(List.of(30.0, 10.0, 20.0));
        assertEquals(new Spread(20, 10, 30, 3), odd);
        assertEquals(25, Spread.of(List.of(40.0, 10.0, 20.0, 30.0)).median());
        assertThrows(IllegalArgumentException.class, () -> Spread.of(List.of()));
    }

    @Test
    void rangesThatShareAValueAreTiedAndTheirRatioRangeHoldsOne() {
        Spread plain = Spread.of(List.of(100.0, 110.0, 120.0));
        Spread touching = Spread.of(List.of(120.0, 130.0, 140.0));
        Spread apart = Spread.of(List.of(121.0, 130.0, 140.0));

        assertTrue(plain.overlaps(touching) && touching.overlaps(plain));
        Spread ratio = touching.over(plain);
        assertTrue(ratio.min() <= 1 && ratio.max() >= 1, ratio.toString());
        assertEquals(130.0 / 110.0, ratio.median(), 1e-12);

        assertFalse(plain.overlaps(apart) || apart.overlaps(plain));
        Spread apartRatio = apart.over(plain);
        assertTrue(apartRatio.min() > 1, apartRatio.toString());
        assertEquals(121.0 / 120.0, apartRatio.min(), 1e-12);
        assertEquals(140.0 / 100.0, apartRatio.max(), 1e-12);
    }
}
