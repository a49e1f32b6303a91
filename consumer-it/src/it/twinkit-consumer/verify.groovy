// Run by maven-invoker-plugin after the consumer build succeeded; a failed check fails the main build.
// basedir: the consumer project as built (target/it/twinkit-consumer, its pom with the main build's versions filled
// in); readme: the repository's README.md (scriptVariables in consumer-it/pom.xml).

void check(boolean condition, String message) {
    if (!condition) {
        throw new AssertionError((Object) message)   // the message alone, not the values of a power assert
    }
}

// 1. The consumer's test ran, and passed: a build that ran no test proves nothing.
File report = new File(basedir, 'target/surefire-reports/TEST-com.example.fleet.PlantInventoryTest.xml')
check(report.isFile(), "the consumer's test did not run: no ${report}")
String suite = report.text.find(/<testsuite [^>]*>/)
check(suite != null && ['tests="1"', 'failures="0"', 'errors="0"', 'skipped="0"'].every { suite.contains(it) },
        "the consumer's test did not pass exactly once: ${suite}")

// 2. README.md's "Use it" section shows what was just built: each source file whole (a leading // comment aside),
//    and each block of its pom snippet inside the consumer's pom (indentation aside).
String text = new File(readme).text
int start = text.indexOf('\n## Use it\n')
check(start >= 0, "README.md has no '## Use it' section")
int end = text.indexOf('\n## ', start + 1)
String section = end < 0 ? text.substring(start) : text.substring(start, end)

['src/main/java/com/example/fleet/PlantInventory.java',
 'src/main/java/com/example/fleet/Modem.java',
 'src/test/java/com/example/fleet/PlantInventoryTest.java'].each { String path ->
    String code = new File(basedir, path).readLines().dropWhile { it.startsWith('//') }.join('\n').trim()
    check(section.contains('```java\n' + code + '\n```'), "README.md's 'Use it' section does not show ${path} as it is")
}

Closure<String> lines = { String xml -> xml.readLines()*.trim().findAll { it }.join('\n') }
String pom = lines(new File(basedir, 'pom.xml').text)
List<String> snippets = section.findAll(/(?s)```xml\n(.*?)```/) { all, body -> body }
check(!snippets.isEmpty(), "README.md's 'Use it' section has no xml snippet")
snippets.each { String snippet ->
    snippet.split(/\n\s*\n/).each { String block ->
        check(pom.contains(lines(block)), "the consumer's pom does not contain README.md's\n${block}")
    }
}
return true
