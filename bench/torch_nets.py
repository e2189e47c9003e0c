"""convoy's model zoo rebuilt in PyTorch, unit for unit (see pytorch_step.py).

Each network is a list of units in convoy's order (DL4J's layer order for stacks, the vertices in
the order ResNet.java adds them for graphs), each with the inputs it reads. Layer boundaries are
DL4J's: a conv without batch norm applies its ReLU itself, a dense layer flattens its input, drops
it out and applies its ReLU, and the output unit is the classifier (dropout on its input, the
linear map) with the cross-entropy loss. Names follow convoy's: "layerN" for stacks, vertex names
for graphs. Shapes, parameter and FLOP counts equal convoy's `model summary` (asserted by
pytorch_step.py --check-params).
"""
import torch
import torch.nn as nn
import torch.nn.functional as F

# Input and batch per architecture when not given, as `convoy bench step` (BenchStepCommand.DEFAULTS).
DEFAULTS = {
    "resnet20": ("32x32x3", 64),
    "resnet18": ("224x224x3", 32),
    "resnet50": ("224x224x3", 16),
    "vgg16": ("224x224x3", 16),
    "alexnet": ("224x224x3", 32),
    "lenet": ("28x28x1", 64),
}
OTHERWISE = ("32x32x3", 32)


def default_classes(shape):
    """10 classes for inputs up to 64x64 (CIFAR, MNIST), 1000 above (ImageNet), as convoy bench step."""
    return 10 if max(shape[0], shape[1]) <= 64 else 1000


class Unit:
    """One timed piece: a name, a kind (the per-type table's row), a function of its inputs."""

    def __init__(self, name, kind, inputs, module=None, fn=None):
        self.name, self.kind, self.inputs, self.module, self.fn = name, kind, inputs, module, fn

    def run(self, args, labels):
        if self.kind == "output":
            return F.cross_entropy(self.module(args[0]), labels)
        return self.module(*args) if self.module is not None else self.fn(*args)


class Dense(nn.Module):
    """DL4J's dense (or output) layer: input flattened, dropped out (rate p), linear, activation."""

    def __init__(self, n_in, n_out, dropout, relu):
        super().__init__()
        self.dropout = nn.Dropout(dropout) if dropout > 0 else None
        self.linear = nn.Linear(n_in, n_out)
        self.relu = relu

    def forward(self, x):
        x = torch.flatten(x, 1)
        if self.dropout is not None:
            x = self.dropout(x)
        x = self.linear(x)
        return F.relu(x) if self.relu else x


class ConvAct(nn.Module):
    """DL4J's ConvolutionLayer with its own activation (used where there is no batch norm)."""

    def __init__(self, conv, relu):
        super().__init__()
        self.conv = conv
        self.relu = relu

    def forward(self, x):
        x = self.conv(x)
        return F.relu(x) if self.relu else x


class Net(nn.Module):
    """A graph of units; forward(x, labels) returns the loss."""

    def __init__(self, units):
        super().__init__()
        self.nodes = units
        self.mods = nn.ModuleList([u.module for u in units if u.module is not None])

    def forward(self, x, labels):
        values = {"input": x}
        for u in self.nodes:
            values[u.name] = u.run([values[n] for n in u.inputs], labels)
        return values[self.nodes[-1].name]

    def flops(self, shape):
        """Forward FLOPs of one example as convoy counts them: 2 x multiply-adds of convs and linear maps."""
        total = [0]

        def conv_hook(m, inp, out):
            total[0] += 2 * m.in_channels // m.groups * m.kernel_size[0] * m.kernel_size[1] * m.out_channels \
                * out.shape[2] * out.shape[3]

        def linear_hook(m, inp, out):
            total[0] += 2 * m.in_features * m.out_features

        hooks = [m.register_forward_hook(conv_hook) for m in self.modules() if isinstance(m, nn.Conv2d)]
        hooks += [m.register_forward_hook(linear_hook) for m in self.modules() if isinstance(m, nn.Linear)]
        was_training = self.training
        self.eval()
        with torch.no_grad():
            self(torch.zeros(1, shape[2], shape[0], shape[1]), torch.zeros(1, dtype=torch.long))
        self.train(was_training)
        for h in hooks:
            h.remove()
        return total[0]


def out_size(size, kernel, stride, pad):
    return (size + 2 * pad - kernel) // stride + 1


class Stack:
    """StackBlocks.java: layers named layer0, layer1, ... each reading the previous one."""

    def __init__(self, shape):
        self.h, self.w, self.c = shape
        self.units = []
        self.flat = None  # features after a dense layer

    def _add(self, kind, module=None):
        name = f"layer{len(self.units)}"
        prev = self.units[-1].name if self.units else "input"
        self.units.append(Unit(name, kind, [prev], module=module))

    def conv(self, n_out, kernel, stride, pad, relu=True, batch_norm=False):
        if batch_norm:
            self._add("conv", nn.Conv2d(self.c, n_out, kernel, stride, pad, bias=False))
            self._add("batchnorm", nn.BatchNorm2d(n_out, eps=1e-5, momentum=0.1))
            self._add("activation", nn.ReLU())
        else:
            self._add("conv", ConvAct(nn.Conv2d(self.c, n_out, kernel, stride, pad), relu))
        self.c, self.h, self.w = n_out, out_size(self.h, kernel, stride, pad), out_size(self.w, kernel, stride, pad)
        return self

    def pool(self, kernel, stride, pad=0):
        self._add("pooling", nn.MaxPool2d(kernel, stride, pad))
        self.h, self.w = out_size(self.h, kernel, stride, pad), out_size(self.w, kernel, stride, pad)
        return self

    def lrn(self):
        # DL4J's LRN: x / (k + alpha * sum of squares over n maps)^beta; PyTorch divides alpha by n.
        self._add("lrn", nn.LocalResponseNorm(5, alpha=5 * 1e-4, beta=0.75, k=2.0))
        return self

    def _features(self):
        return self.flat if self.flat is not None else self.c * self.h * self.w

    def dense(self, n_out, dropout):
        self._add("dense", Dense(self._features(), n_out, dropout, relu=True))
        self.flat = n_out
        return self

    def output(self, classes, dropout):
        self._add("output", Dense(self._features(), classes, dropout, relu=False))
        return Net(self.units)


class Graph:
    """GraphBlocks.java: named units, each method returning the name that carries its output."""

    def __init__(self, shape):
        self.units = []
        self.channels = {"input": shape[2]}

    def _add(self, name, kind, inputs, channels, module=None, fn=None):
        self.units.append(Unit(name, kind, inputs, module=module, fn=fn))
        self.channels[name] = channels
        return name

    def conv(self, name, x, n_out, kernel, stride, pad, bn=True, activate=True):
        c = self.channels[x]
        self._add(name, "conv", [x], n_out, nn.Conv2d(c, n_out, kernel, stride, pad, bias=False))
        y = self._add(name + "_bn", "batchnorm", [name], n_out, nn.BatchNorm2d(n_out, eps=1e-5, momentum=0.1))
        return self.activation(name + "_act", y) if activate else y

    def activation(self, name, x):
        return self._add(name, "activation", [x], self.channels[x], nn.ReLU())

    def pool(self, name, x, kernel, stride, pad):
        return self._add(name, "pooling", [x], self.channels[x], nn.MaxPool2d(kernel, stride, pad))

    def add(self, name, a, b):
        return self._add(name, "add/merge", [a, b], self.channels[a], fn=torch.add)

    def concat(self, name, a, b):
        return self._add(name, "add/merge", [a, b], self.channels[a] + self.channels[b],
                         fn=lambda u, v: torch.cat([u, v], 1))

    def scale(self, name, x, factor):
        return self._add(name, "add/merge", [x], self.channels[x], fn=lambda u: u * factor)

    def global_avg_pool(self, name, x):
        return self._add(name, "pooling", [x], self.channels[x], fn=lambda u: u.mean((2, 3)))

    def output(self, name, x, classes):
        self._add(name, "output", [x], classes, Dense(self.channels[x], classes, 0, relu=False))
        return Net(self.units)


def resnet(shape, classes, blocks, bottleneck, cifar):
    """ResNet.java: stem, stages of basic or bottleneck blocks, global average pooling, classifier."""
    g = Graph(shape)
    if cifar:
        x, channels = g.conv("stem", "input", 16, 3, 1, 1), 16
    else:
        x = g.pool("stem_pool", g.conv("stem", "input", 64, 7, 2, 3), 3, 2, 1)
        channels = 64
    for stage, count in enumerate(blocks):
        width = (16 if cifar else 64) << stage
        for i in range(count):
            stride = 2 if stage > 0 and i == 0 else 1
            name = f"stage{stage + 1}_block{i + 1}"
            if bottleneck:
                y = g.conv(name + "_a", x, width, 1, 1, 0)
                y = g.conv(name + "_b", y, width, 3, stride, 1)
                y = g.conv(name + "_c", y, 4 * width, 1, 1, 0, activate=False)
                out = 4 * width
            else:
                y = g.conv(name + "_a", x, width, 3, stride, 1)
                y = g.conv(name + "_b", y, width, 3, 1, 1, activate=False)
                out = width
            x = g.activation(name + "_out", g.add(name + "_add", y, shortcut(g, name, x, channels, out, stride, cifar)))
            channels = out
    return g.output("output", g.global_avg_pool("avgpool", x), classes)


def shortcut(g, name, x, channels, out, stride, zero_pad):
    if stride == 1 and channels == out:
        return x
    if not zero_pad:
        return g.conv(name + "_proj", x, out, 1, stride, 0, activate=False)
    # Option A: every stride-th pixel (a 1x1 max pooling), channels padded with zeros.
    sub = g.pool(name + "_subsample", x, 1, stride, 0)
    return g.concat(name + "_zeropad", sub, g.scale(name + "_zeros", sub, 0.0))


def vgg16(shape, classes):
    s = Stack(shape)
    for width, convs in zip((64, 128, 256, 512, 512), (2, 2, 3, 3, 3)):
        for _ in range(convs):
            s.conv(width, 3, 1, 1)
        s.pool(2, 2)
    return s.dense(4096, 0).dense(4096, 0.5).output(classes, 0.5)


def alexnet(shape, classes):
    s = Stack(shape).conv(96, 11, 4, 2).lrn().pool(3, 2).conv(256, 5, 1, 2).lrn().pool(3, 2)
    s.conv(384, 3, 1, 1).conv(384, 3, 1, 1).conv(256, 3, 1, 1).pool(3, 2)
    return s.dense(4096, 0).dense(4096, 0.5).output(classes, 0.5)


def lenet(shape, classes):
    s = Stack(shape).conv(20, 5, 1, 0, relu=False).pool(2, 2).conv(50, 5, 1, 0, relu=False).pool(2, 2)
    return s.dense(500, 0).output(classes, 0)


BUILDERS = {
    "resnet18": lambda s, c: resnet(s, c, (2, 2, 2, 2), False, False),
    "resnet34": lambda s, c: resnet(s, c, (3, 4, 6, 3), False, False),
    "resnet50": lambda s, c: resnet(s, c, (3, 4, 6, 3), True, False),
    "resnet101": lambda s, c: resnet(s, c, (3, 4, 23, 3), True, False),
    "resnet20": lambda s, c: resnet(s, c, (3, 3, 3), False, True),
    "resnet32": lambda s, c: resnet(s, c, (5, 5, 5), False, True),
    "resnet56": lambda s, c: resnet(s, c, (9, 9, 9), False, True),
    "vgg16": vgg16,
    "alexnet": alexnet,
    "lenet": lenet,
}


def build(arch, shape, classes):
    if arch not in BUILDERS:
        raise SystemExit(f"pytorch_step: --arch {arch}: not rebuilt in PyTorch; known: {', '.join(sorted(BUILDERS))}")
    return BUILDERS[arch](shape, classes)
