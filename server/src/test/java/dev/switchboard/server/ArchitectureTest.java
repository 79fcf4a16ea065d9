package dev.switchboard.server;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The module and package rules of ARCHITECTURE.md, checked on the compiled production classes of
 * every module (the server sees them all on its classpath).
 */
class ArchitectureTest {

  private static final String TRANSCODING = "dev.switchboard.transcoding..";
  private static final String BRIDGE = "dev.switchboard.bridge..";
  private static final String TWILIO = "dev.switchboard.twilio..";
  private static final String SIP = "dev.switchboard.sip..";
  private static final String RECORDINGS = "dev.switchboard.recordings..";
  private static final String LOCAL = "dev.switchboard.local..";
  private static final String TESTKIT = "dev.switchboard.testkit..";
  private static final String SERVER = "dev.switchboard.server..";

  private static JavaClasses classes;

  @BeforeAll
  static void importClasses() {
    classes =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
            .importPackages("dev.switchboard");
  }

  @Test
  void transcodingDependsOnTheJdkAndConcentusOnly() {
    classes()
        .that()
        .resideInAPackage(TRANSCODING)
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage(TRANSCODING, "java..", "io.github.jaredmdobson.concentus..")
        .allowEmptyShould(true)
        .check(classes);
  }

  @Test
  void agentBridgeDependsOnTranscodingOnly() {
    noClasses()
        .that()
        .resideInAPackage(BRIDGE)
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(TWILIO, SIP, RECORDINGS, LOCAL, TESTKIT, SERVER)
        .allowEmptyShould(true)
        .check(classes);
  }

  @Test
  void transportsNeverDependOnEachOther() {
    noClasses()
        .that()
        .resideInAPackage(TWILIO)
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(SIP, RECORDINGS, LOCAL, TESTKIT, SERVER)
        .allowEmptyShould(true)
        .check(classes);
    noClasses()
        .that()
        .resideInAPackage(SIP)
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(TWILIO, RECORDINGS, LOCAL, TESTKIT, SERVER)
        .allowEmptyShould(true)
        .check(classes);
  }

  @Test
  void recordingsAndLocalBackendStayOffTransportsAndEachOther() {
    noClasses()
        .that()
        .resideInAPackage(RECORDINGS)
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(TWILIO, SIP, LOCAL, TESTKIT, SERVER)
        .allowEmptyShould(true)
        .check(classes);
    noClasses()
        .that()
        .resideInAPackage(LOCAL)
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(TWILIO, SIP, RECORDINGS, TESTKIT, SERVER)
        .allowEmptyShould(true)
        .check(classes);
  }

  @Test
  void testkitIsForTestsOnlyAndNeverReachesTransportsOrServer() {
    noClasses()
        .that()
        .resideInAPackage(TESTKIT)
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(TWILIO, SIP, RECORDINGS, LOCAL, SERVER)
        .allowEmptyShould(true)
        .check(classes);
  }

  @Test
  void onlyTheCommandLineReachesTheTestkit() {
    // The testkit is on the server's compile classpath for `switchboard loadtest`; fakes must
    // never leak into production wiring.
    noClasses()
        .that()
        .resideInAPackage(SERVER)
        .and()
        .resideOutsideOfPackage("dev.switchboard.server.cli..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage(TESTKIT)
        .allowEmptyShould(true)
        .check(classes);
  }
}
