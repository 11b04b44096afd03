.PHONY: demo test bench build clean
demo:
	bash scripts/demo.sh
test:
	bash scripts/test.sh
build:
	swift build
bench:
	bash bench/run.sh
clean:
	rm -rf .build examples/daejeon-2009/out examples/daejeon-2009/var
