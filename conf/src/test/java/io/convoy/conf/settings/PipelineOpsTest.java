package io.convoy.conf.settings;

import io.convoy.conf.OpSpec;
import io.convoy.conf.settings.PipelineOps;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Each operation parameter's declared default: present, allowed by its own check, read by OpSpec. */
class PipelineOpsTest {
  @Test
  void everyDefaultIsDeclaredAndAllowed() {
    PipelineOps.OPS.forEach((op, params) -> {
      for (PipelineOps.Param p : params) {
        if (p.name().equals("size")) {
          assertNull(p.fallback(), op);
          assertEquals("data.image-size", p.defaultText());
          continue;
        }
        assertNotNull(p.fallback(), op + " " + p.name());
        assertNull(p.check(p.fallback(), 3), op + " " + p.name() + " default " + p.fallback());
        assertTrue(p.allowed(3).contains("default " + p.defaultText()), p.allowed(3));
        assertEquals(p.fallback(), OpSpec.of(op).vector(p.name()));
      }
    });
  }

  @Test
  void givenParametersWinOverDefaults() {
    OpSpec mirror = new OpSpec(PipelineOps.MIRROR, java.util.Map.of("p", List.of(0.25)));
    assertEquals(0.25, mirror.scalar("p"));
    assertEquals(0.5, OpSpec.of(PipelineOps.MIRROR).scalar("p"));
    assertEquals(PipelineOps.IMAGENET_EIGVAL, OpSpec.of(PipelineOps.LIGHTING).vector("eigval"));
    assertThrows(IllegalArgumentException.class, () -> OpSpec.of(PipelineOps.RESIZE).scalar("size"));
    assertThrows(IllegalArgumentException.class, () -> OpSpec.of(PipelineOps.MIRROR).scalar("sigma"));
  }
}
